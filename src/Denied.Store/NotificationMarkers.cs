using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Notification markers (pk "F#id", sk "NOTIFY#transition", state claimed|sent): a conditional Put claims,
/// an UpdateItem confirms. They sit beside the finding item, so the Notifier's stream filter must keep only
/// sk = "FINDING" records.
/// </summary>
internal sealed class NotificationMarkers(IAmazonDynamoDB client, string tableName, TimeProvider time, FindingStoreOptions options)
{
    private const string Claimed = "claimed";
    private const string Sent = "sent";

    public async Task<NotificationClaim> TryClaimAsync(string findingId, string transition, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transition);
        var now = time.GetUtcNow();
        var item = new Dictionary<string, AttributeValue>(Key(findingId, transition))
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
        return await DynamoErrors.Run("PutItem (notification claim)", tableName, findingId, async () =>
        {
            try
            {
                await client.PutItemAsync(request, ct);
                return NotificationClaim.Claimed;
            }
            catch (ConditionalCheckFailedException e)
            {
                var state = e.Item is { } old && old.TryGetValue(A.State, out var s) ? s.S : await ReadStateAsync(findingId, transition, ct);
                return state == Sent ? NotificationClaim.AlreadySent : NotificationClaim.ClaimedEarlier;
            }
        }, ct);
    }

    public Task MarkSentAsync(string findingId, string transition, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(findingId, transition),
            UpdateExpression = "SET #state = :sent, #at = :at",
            ExpressionAttributeNames = new() { ["#state"] = A.State, ["#at"] = A.At },
            ExpressionAttributeValues = new()
            {
                [":sent"] = FindingItemMapper.S(Sent),
                [":at"] = FindingItemMapper.S(ItemTime.ToText(time.GetUtcNow())),
            },
        };
        return DynamoErrors.Run("UpdateItem (notification sent)", tableName, findingId, () => client.UpdateItemAsync(request, ct), ct);
    }

    private async Task<string?> ReadStateAsync(string findingId, string transition, CancellationToken ct)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(findingId, transition), ConsistentRead = true }, ct);
        return response.Item is { } item && item.TryGetValue(A.State, out var s) ? s.S : null;
    }

    private static Dictionary<string, AttributeValue> Key(string findingId, string transition) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.FindingPk(findingId)),
        [A.Sk] = FindingItemMapper.S(A.NotifyPrefix + transition),
    };
}
