using Denied.Actions;
using Denied.Core.Tests.Iam;
using Denied.Iam;

namespace Denied.Core.Tests.Actions;

public sealed class EventNameMappingsTests
{
    [Fact]
    public void EveryRowMapsToAnActionIamDefinesInItsDocumentedCasing()
    {
        foreach (var row in EventNameMappings.All)
        {
            var action = IamCatalog.Default.FindAction(row.Prefix, row.ActionName);
            Assert.True(action is not null, $"{row.Prefix}:{row.ActionName} ({row.EventName}) is not an IAM action");
            Assert.Equal(action.Name, row.ActionName);
        }
    }

    [Fact]
    public void NoEventNameIsListedTwice() =>
        Assert.DoesNotContain(EventNameMappings.All.GroupBy(r => (r.Prefix, r.EventName.ToUpperInvariant())), g => g.Count() > 1);

    [Fact]
    public void EveryRowIsCoveredByTheMismatchTable()
    {
        var covered = MismatchRows().Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        var missing = EventNameMappings.All
            .Where(r => !covered.Contains(($"{r.Prefix}.amazonaws.com", r.EventName)))
            .Select(r => $"{r.Prefix}:{r.EventName}");
        Assert.Empty(missing);
    }

    public static TheoryData<string, string, string> MismatchRows() => new()
    {
        { "s3.amazonaws.com", "ListObjects", "s3:ListBucket" },
        { "s3.amazonaws.com", "ListObjectsV2", "s3:ListBucket" },
        { "s3.amazonaws.com", "HeadBucket", "s3:ListBucket" },
        { "s3.amazonaws.com", "HeadObject", "s3:GetObject" },
        { "s3.amazonaws.com", "SelectObjectContent", "s3:GetObject" },
        { "s3.amazonaws.com", "ListBuckets", "s3:ListAllMyBuckets" },
        { "s3.amazonaws.com", "ListObjectVersions", "s3:ListBucketVersions" },
        { "s3.amazonaws.com", "ListMultipartUploads", "s3:ListBucketMultipartUploads" },
        { "s3.amazonaws.com", "ListParts", "s3:ListMultipartUploadParts" },
        { "s3.amazonaws.com", "CreateMultipartUpload", "s3:PutObject" },
        { "s3.amazonaws.com", "UploadPart", "s3:PutObject" },
        { "s3.amazonaws.com", "UploadPartCopy", "s3:PutObject" },
        { "s3.amazonaws.com", "CompleteMultipartUpload", "s3:PutObject" },
        { "s3.amazonaws.com", "CopyObject", "s3:PutObject" },
        { "s3.amazonaws.com", "DeleteObjects", "s3:DeleteObject" },
        { "s3.amazonaws.com", "GetBucketEncryption", "s3:GetEncryptionConfiguration" },
        { "s3.amazonaws.com", "PutBucketEncryption", "s3:PutEncryptionConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketEncryption", "s3:PutEncryptionConfiguration" },
        { "s3.amazonaws.com", "GetBucketLifecycle", "s3:GetLifecycleConfiguration" },
        { "s3.amazonaws.com", "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration" },
        { "s3.amazonaws.com", "PutBucketLifecycle", "s3:PutLifecycleConfiguration" },
        { "s3.amazonaws.com", "PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketLifecycle", "s3:PutLifecycleConfiguration" },
        { "s3.amazonaws.com", "GetBucketReplication", "s3:GetReplicationConfiguration" },
        { "s3.amazonaws.com", "PutBucketReplication", "s3:PutReplicationConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketReplication", "s3:PutReplicationConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketCors", "s3:PutBucketCORS" },
        { "s3.amazonaws.com", "DeleteBucketTagging", "s3:PutBucketTagging" },
        { "s3.amazonaws.com", "DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls" },
        { "s3.amazonaws.com", "GetBucketNotificationConfiguration", "s3:GetBucketNotification" },
        { "s3.amazonaws.com", "PutBucketNotificationConfiguration", "s3:PutBucketNotification" },
        { "s3.amazonaws.com", "GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration" },
        { "s3.amazonaws.com", "PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration" },
        { "s3.amazonaws.com", "GetBucketAnalyticsConfiguration", "s3:GetAnalyticsConfiguration" },
        { "s3.amazonaws.com", "PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration" },
        { "s3.amazonaws.com", "GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration" },
        { "s3.amazonaws.com", "PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration" },
        { "s3.amazonaws.com", "GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration" },
        { "s3.amazonaws.com", "PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration" },
        { "s3.amazonaws.com", "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration" },
        { "s3.amazonaws.com", "PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock" },
        { "s3.amazonaws.com", "GetBucketIntelligentTieringConfiguration", "s3:GetIntelligentTieringConfiguration" },
        { "s3.amazonaws.com", "PutBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration" },
        { "s3.amazonaws.com", "DeleteBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration" },
        { "s3.amazonaws.com", "ListBucketIntelligentTieringConfigurations", "s3:GetIntelligentTieringConfiguration" },
        { "s3.amazonaws.com", "ListBucketAnalyticsConfigurations", "s3:GetAnalyticsConfiguration" },
        { "s3.amazonaws.com", "ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration" },
        { "s3.amazonaws.com", "ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration" },
        { "lambda.amazonaws.com", "Invoke", "lambda:InvokeFunction" },
        { "lambda.amazonaws.com", "InvokeWithResponseStream", "lambda:InvokeFunction" },
        { "lambda.amazonaws.com", "GetLayerVersionByArn", "lambda:GetLayerVersion" },
        { "sqs.amazonaws.com", "SendMessageBatch", "sqs:SendMessage" },
        { "sqs.amazonaws.com", "DeleteMessageBatch", "sqs:DeleteMessage" },
        { "sqs.amazonaws.com", "ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility" },
        { "sns.amazonaws.com", "PublishBatch", "sns:Publish" },
        { "dynamodb.amazonaws.com", "TransactGetItems", "dynamodb:GetItem" },
        { "bedrock.amazonaws.com", "Converse", "bedrock:InvokeModel" },
        { "bedrock.amazonaws.com", "ConverseStream", "bedrock:InvokeModelWithResponseStream" },
        { "bedrock.amazonaws.com", "StartAsyncInvoke", "bedrock:InvokeModel" },
        { "bedrock.amazonaws.com", "RetrieveAndGenerateStream", "bedrock:RetrieveAndGenerate" },
        { "kms.amazonaws.com", "ReEncrypt", "kms:ReEncryptFrom" },
    };

    [Theory]
    [MemberData(nameof(MismatchRows))]
    public void EventNameMapsToTheIamActionAwsChecks(string eventSource, string eventName, string action)
    {
        var resolution = ActionResolver.Resolve(TestRecords.Event(eventSource, eventName), null, IamCatalog.Default);
        Assert.Equal((action, ActionResolver.FromEventName), (resolution.Action, resolution.Source));
    }
}
