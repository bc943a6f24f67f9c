namespace Denied.Actions;

/// <summary>
/// CloudTrail event names that are not the name of the IAM action AWS checks. CloudTrail records
/// the API operation ("The eventName field ... matches up to the public AWS api call",
/// awsdocs/aws-cloudtrail-user-guide#2); the rows below are where the operation and the action differ
/// (from trailscraper's special cases, iam-dataset map.json and the
/// S3/Lambda/SQS/SNS/DynamoDB/KMS API permission references). Every target is checked against the
/// IAM catalog by a test. Where a call needs several actions, the row names the one checked first
/// on the primary resource; the message, when present, names the one actually denied.
/// </summary>
internal static class EventNameMappings
{
    public static IReadOnlyList<EventNameMapping> All { get; } =
    [
        // S3 REST operations whose IAM action has another name (S3 API reference, "Permissions").
        new("s3", "ListObjects", "ListBucket"),
        new("s3", "ListObjectsV2", "ListBucket"),
        new("s3", "HeadBucket", "ListBucket"),
        new("s3", "HeadObject", "GetObject"),
        new("s3", "SelectObjectContent", "GetObject"),
        new("s3", "ListBuckets", "ListAllMyBuckets"),
        new("s3", "ListObjectVersions", "ListBucketVersions"),
        new("s3", "ListMultipartUploads", "ListBucketMultipartUploads"),
        new("s3", "ListParts", "ListMultipartUploadParts"),
        // Multipart uploads and copies are authorised as s3:PutObject on the destination object.
        new("s3", "CreateMultipartUpload", "PutObject"),
        new("s3", "UploadPart", "PutObject"),
        new("s3", "UploadPartCopy", "PutObject", "UploadPartCopy also needs s3:GetObject on the source object"),
        new("s3", "CompleteMultipartUpload", "PutObject"),
        new("s3", "CopyObject", "PutObject", "CopyObject also needs s3:GetObject (and s3:GetObjectTagging when tags are copied) on the source object"),
        // Multi-object delete checks s3:DeleteObject per key.
        new("s3", "DeleteObjects", "DeleteObject", "DeleteObjects checks s3:DeleteObject (and s3:DeleteObjectVersion for versions) on each key"),
        new("s3", "GetBucketEncryption", "GetEncryptionConfiguration"),
        new("s3", "PutBucketEncryption", "PutEncryptionConfiguration"),
        new("s3", "DeleteBucketEncryption", "PutEncryptionConfiguration"),
        new("s3", "GetBucketLifecycle", "GetLifecycleConfiguration"),
        new("s3", "GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
        new("s3", "PutBucketLifecycle", "PutLifecycleConfiguration"),
        new("s3", "PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
        new("s3", "DeleteBucketLifecycle", "PutLifecycleConfiguration"),
        new("s3", "GetBucketReplication", "GetReplicationConfiguration"),
        new("s3", "PutBucketReplication", "PutReplicationConfiguration"),
        new("s3", "DeleteBucketReplication", "PutReplicationConfiguration"),
        new("s3", "DeleteBucketCors", "PutBucketCORS"),
        new("s3", "DeleteBucketTagging", "PutBucketTagging"),
        new("s3", "DeleteBucketOwnershipControls", "PutBucketOwnershipControls"),
        new("s3", "GetBucketNotificationConfiguration", "GetBucketNotification"),
        new("s3", "PutBucketNotificationConfiguration", "PutBucketNotification"),
        new("s3", "GetBucketAccelerateConfiguration", "GetAccelerateConfiguration"),
        new("s3", "PutBucketAccelerateConfiguration", "PutAccelerateConfiguration"),
        new("s3", "GetBucketAnalyticsConfiguration", "GetAnalyticsConfiguration"),
        new("s3", "PutBucketAnalyticsConfiguration", "PutAnalyticsConfiguration"),
        new("s3", "DeleteBucketAnalyticsConfiguration", "PutAnalyticsConfiguration"),
        new("s3", "GetBucketInventoryConfiguration", "GetInventoryConfiguration"),
        new("s3", "PutBucketInventoryConfiguration", "PutInventoryConfiguration"),
        new("s3", "DeleteBucketInventoryConfiguration", "PutInventoryConfiguration"),
        new("s3", "GetBucketMetricsConfiguration", "GetMetricsConfiguration"),
        new("s3", "PutBucketMetricsConfiguration", "PutMetricsConfiguration"),
        new("s3", "DeleteBucketMetricsConfiguration", "PutMetricsConfiguration"),
        new("s3", "GetObjectLockConfiguration", "GetBucketObjectLockConfiguration"),
        new("s3", "PutObjectLockConfiguration", "PutBucketObjectLockConfiguration"),
        new("s3", "DeleteBucketPublicAccessBlock", "PutBucketPublicAccessBlock"),
        new("s3", "GetBucketIntelligentTieringConfiguration", "GetIntelligentTieringConfiguration"),
        new("s3", "PutBucketIntelligentTieringConfiguration", "PutIntelligentTieringConfiguration"),
        new("s3", "DeleteBucketIntelligentTieringConfiguration", "PutIntelligentTieringConfiguration"),
        // The List* configuration calls are authorised as the Get action of the same configuration (map.json).
        new("s3", "ListBucketIntelligentTieringConfigurations", "GetIntelligentTieringConfiguration"),
        new("s3", "ListBucketAnalyticsConfigurations", "GetAnalyticsConfiguration"),
        new("s3", "ListBucketInventoryConfigurations", "GetInventoryConfiguration"),
        new("s3", "ListBucketMetricsConfigurations", "GetMetricsConfiguration"),

        // Lambda: the data event "Invoke" is lambda:InvokeFunction (trailscraper wrongly emits lambda:Invoke).
        new("lambda", "Invoke", "InvokeFunction"),
        new("lambda", "InvokeWithResponseStream", "InvokeFunction"),
        new("lambda", "GetLayerVersionByArn", "GetLayerVersion"),

        // Batch APIs are authorised as their single-item action (SQS and SNS API references).
        new("sqs", "SendMessageBatch", "SendMessage"),
        new("sqs", "DeleteMessageBatch", "DeleteMessage"),
        new("sqs", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility"),
        new("sns", "PublishBatch", "Publish"),

        // DynamoDB: TransactGetItems checks dynamodb:GetItem per item; BatchGetItem/BatchWriteItem are actions themselves.
        // TransactWriteItems takes its action from its items (TransactWriteActions).
        new("dynamodb", "TransactGetItems", "GetItem"),

        // Bedrock runtime: "Converse requires permission for the bedrock:InvokeModel action", ConverseStream for
        // bedrock:InvokeModelWithResponseStream (Bedrock API reference); StartAsyncInvoke is authorised as
        // bedrock:InvokeModel (its async-invoke resource type) and RetrieveAndGenerateStream as bedrock:RetrieveAndGenerate.
        new("bedrock", "Converse", "InvokeModel"),
        new("bedrock", "ConverseStream", "InvokeModelWithResponseStream"),
        new("bedrock", "StartAsyncInvoke", "InvokeModel"),
        new("bedrock", "RetrieveAndGenerateStream", "RetrieveAndGenerate"),

        // KMS ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination.
        new("kms", "ReEncrypt", "ReEncryptFrom", "ReEncrypt also needs kms:ReEncryptTo on the destination key"),
    ];

    /// <summary>The first row for (prefix, eventName), case-insensitively; null when the names agree.</summary>
    public static EventNameMapping? Find(string prefix, string eventName) =>
        All.FirstOrDefault(m =>
            string.Equals(m.Prefix, prefix, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(m.EventName, eventName, StringComparison.OrdinalIgnoreCase));
}
