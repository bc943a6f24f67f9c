using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Resolve, mute and unmute: single conditional UpdateItems that never create a finding. Resolving sets
/// expiresAt so TTL removes the finding after the retention unless it is seen again (which reopens it
/// and removes expiresAt); muting keeps the finding and its counting, and clears any resolve.
/// </summary>
internal sealed class FindingTriage(IAmazonDynamoDB client, string tableName, TimeProvider time, FindingStoreOptions options)
{
    public Task<Finding?> ResolveAsync(string findingId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var e = new ExpressionBuilder();
        var update = $"SET {e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(FindingStatus.Resolved))}, {Triaged(e)}, "
            + $"{e.Name(A.ResolvedAt)} = {e.Value(ItemTime.ToText(now))}, "
            + $"{e.Name(A.ExpiresAt)} = {e.Value(new AttributeValue { N = ItemTime.ToEpoch(now + options.ResolvedRetention) })} "
            + $"REMOVE {e.Name(A.MuteReason)}, {e.Name(A.MutedUntil)}";
        return UpdateAsync("UpdateItem (resolve)", findingId, e, update, $"attribute_exists({e.Name(A.Pk)})", ct);
    }

    public Task<Finding?> MuteAsync(string findingId, string reason, DateTimeOffset? until, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var e = new ExpressionBuilder();
        var set = $"SET {e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(FindingStatus.Muted))}, {Triaged(e)}, {e.Name(A.MuteReason)} = {e.Value(reason)}";
        var remove = $" REMOVE {e.Name(A.ResolvedAt)}, {e.Name(A.ExpiresAt)}";
        if (until is { } u)
        {
            set += $", {e.Name(A.MutedUntil)} = {e.Value(ItemTime.ToText(u))}";
        }
        else
        {
            remove += $", {e.Name(A.MutedUntil)}";
        }

        return UpdateAsync("UpdateItem (mute)", findingId, e, set + remove, $"attribute_exists({e.Name(A.Pk)})", ct);
    }

    /// <summary>Unmutes a muted finding; any other finding is returned unchanged; null when there is none.</summary>
    public async Task<Finding?> UnmuteAsync(string findingId, CancellationToken ct)
    {
        var e = new ExpressionBuilder();
        var update = $"SET {e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(FindingStatus.Open))}, {Triaged(e)} REMOVE {e.Name(A.MuteReason)}, {e.Name(A.MutedUntil)}";
        var condition = $"attribute_exists({e.Name(A.Pk)}) AND {e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(FindingStatus.Muted))}";
        return await UpdateAsync("UpdateItem (unmute)", findingId, e, update, condition, ct)
            ?? await new FindingQueries(client, tableName).GetAsync(findingId, ct);
    }

    // A triage write is a change of the item too: its stream record must say it notifies nothing.
    private static string Triaged(ExpressionBuilder e) => $"{e.Name(A.Change)} = {e.Value(FindingChangeCodes.Of(FindingChangeKind.Triaged))}";

    private async Task<Finding?> UpdateAsync(string operation, string findingId, ExpressionBuilder e, string update, string condition, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = FindingItemMapper.Key(findingId),
            UpdateExpression = update,
            ConditionExpression = condition,
            ExpressionAttributeNames = e.Names,
            ExpressionAttributeValues = e.ValuesOrNull,
            ReturnValues = ReturnValue.ALL_NEW,
        };
        var item = await DynamoErrors.Run(operation, tableName, findingId, async () =>
        {
            try
            {
                return (await client.UpdateItemAsync(request, ct)).Attributes;
            }
            catch (ConditionalCheckFailedException)
            {
                return null;
            }
        }, ct);
        return item is { Count: > 0 } ? FindingItemMapper.FromItem(item) : null;
    }
}
