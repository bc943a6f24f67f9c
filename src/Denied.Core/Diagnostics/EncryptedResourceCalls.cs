using Denied.CloudTrail;

namespace Denied.Diagnostics;

/// <summary>
/// Calls that use a KMS key on the caller's behalf to encrypt what they send: publishing to an SNS topic with SSE-KMS
/// (SNS DG, "Key management" for server-side encryption) and sending to an SQS queue with SSE-KMS (SQS DG, "Key
/// management"). Their senders need kms:GenerateDataKey* and kms:Decrypt on the key.
/// </summary>
internal static class EncryptedResourceCalls
{
    private static readonly Dictionary<(string Source, string Name), string> Calls = new()
    {
        [("sns.amazonaws.com", "Publish")] = "sns:Publish",
        [("sns.amazonaws.com", "PublishBatch")] = "sns:Publish",
        [("sqs.amazonaws.com", "SendMessage")] = "sqs:SendMessage",
        [("sqs.amazonaws.com", "SendMessageBatch")] = "sqs:SendMessage",
    };

    /// <summary>The encrypting call ("sns:Publish") when the record is one and KMS denied it; else null.</summary>
    public static string? Of(CloudTrailRecord record, string? action) =>
        action?.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) == true
        && record.EventSource is { } source && record.EventName is { } name
        && Calls.TryGetValue((source, name), out var call)
            ? call
            : null;
}
