using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Once-only markers, state claimed|sent: a conditional Put claims, an UpdateItem confirms. Notification markers
/// (pk "F#id", sk "NOTIFY#transition") sit beside the finding item; dead-letter markers (pk "M#" + SHA-256 of the messageId, sk
/// "DEADLETTER") record an SQS message sent to the dead-letter queue. The Notifier's stream filter keeps only
/// sk = "FINDING" records, so neither notifies.
/// </summary>
internal sealed class NotificationMarkers(IAmazonDynamoDB client, string tableName, TimeProvider time, FindingStoreOptions options)
{
    private const string Claimed = "claimed";
    private const string Sent = "sent";

    public Task<NotificationClaim> TryClaimAsync(string findingId, string transition, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transition);
        return TryClaimAsync(Key(findingId, transition), "notification", findingId, ct);
    }

    public Task MarkSentAsync(string findingId, string transition, CancellationToken ct) =>
        MarkSentAsync(Key(findingId, transition), "notification", findingId, ct);

    public Task<NotificationClaim> TryClaimDeadLetterAsync(string messageId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return TryClaimAsync(DeadLetterKey(messageId), "dead-letter", null, ct);
    }

    public Task MarkDeadLetteredAsync(string messageId, CancellationToken ct) =>
        MarkSentAsync(DeadLetterKey(messageId), "dead-letter", null, ct);

    private async Task<NotificationClaim> TryClaimAsync(Dictionary<string, AttributeValue> key, string what, string? findingId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var item = new Dictionary<string, AttributeValue>(key)
        {
            [A.State] = FindingItemMapper.S(Claimed),
            [A.At] = FindingItemMapper.S(ItemTime.ToText(now)),
            [A.ExpiresAt] = new AttributeValue { N = ItemTime.ToEpoch(now + options.NotificationRetention) },
        };
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = A.Pk },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        return await DynamoErrors.Run($"PutItem ({what} claim)", tableName, findingId, async () =>
        {
            try
            {
                await client.PutItemAsync(request, ct);
                return NotificationClaim.Claimed;
            }
            catch (ConditionalCheckFailedException e)
            {
                var state = e.Item is { } old && old.TryGetValue(A.State, out var s) ? s.S : await ReadStateAsync(key, ct);
                return state == Sent ? NotificationClaim.AlreadySent : NotificationClaim.ClaimedEarlier;
            }
        }, ct);
    }

    private Task MarkSentAsync(Dictionary<string, AttributeValue> key, string what, string? findingId, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = key,
            UpdateExpression = "SET #state = :sent, #at = :at",
            ExpressionAttributeNames = new() { ["#state"] = A.State, ["#at"] = A.At },
            ExpressionAttributeValues = new()
            {
                [":sent"] = FindingItemMapper.S(Sent),
                [":at"] = FindingItemMapper.S(ItemTime.ToText(time.GetUtcNow())),
            },
        };
        return DynamoErrors.Run($"UpdateItem ({what} sent)", tableName, findingId, () => client.UpdateItemAsync(request, ct), ct);
    }

    private async Task<string?> ReadStateAsync(Dictionary<string, AttributeValue> key, CancellationToken ct)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true }, ct);
        return response.Item is { } item && item.TryGetValue(A.State, out var s) ? s.S : null;
    }

    // Keyed by a hash of the message id: the id is SQS's (at most 100 characters), but a hash keeps any id under DynamoDB's 2,048-byte key limit.
    private static Dictionary<string, AttributeValue> DeadLetterKey(string messageId) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.MessagePrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)))),
        [A.Sk] = FindingItemMapper.S(A.DeadLetterSk),
    };

    private static Dictionary<string, AttributeValue> Key(string findingId, string transition) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.FindingPk(findingId)),
        [A.Sk] = FindingItemMapper.S(A.NotifyPrefix + transition),
    };
}
