using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Denied.Store;

/// <summary>The few multi-item calls the write path makes, with their paging and cancellation handling.</summary>
internal sealed class DynamoCalls(IAmazonDynamoDB client, string tableName, TimeProvider time)
{
    public string TableName => tableName;

    /// <summary>Strongly consistent BatchGetItem over any number of keys (100 per call), retrying UnprocessedKeys.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(
        IReadOnlyList<Dictionary<string, AttributeValue>> keys, string projection, Dictionary<string, string>? names, string? findingId, CancellationToken ct)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Chunk(100))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = true, ProjectionExpression = projection, ExpressionAttributeNames = names };
            for (var round = 0; pending.Keys is { Count: > 0 }; round++)
            {
                var request = new BatchGetItemRequest { RequestItems = new() { [tableName] = pending } };
                var response = await DynamoErrors.Run("BatchGetItem", tableName, findingId, () => client.BatchGetItemAsync(request, ct), ct);
                if (response.Responses?.TryGetValue(tableName, out var items) == true)
                {
                    found.AddRange(items);
                }

                if (response.UnprocessedKeys?.TryGetValue(tableName, out var rest) != true || rest!.Keys is not { Count: > 0 })
                {
                    break;
                }

                // Unprocessed keys mean throttling: back off before asking again (DynamoDB BatchGetItem docs).
                pending = rest;
                await BackoffAsync(round, ct);
            }
        }

        return found;
    }

    /// <summary>Runs one TransactWriteItems; returns null on success, or the per-item cancellation reasons.</summary>
    public async Task<List<CancellationReason>?> TransactAsync(List<TransactWriteItem> items, string? findingId, WriteStats stats, CancellationToken ct)
    {
        stats.WriteRequests++;
        try
        {
            await DynamoErrors.Run("TransactWriteItems", tableName, findingId,
                () => client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct), ct);
            return null;
        }
        catch (FindingStoreException e) when (e.InnerException is TransactionCanceledException canceled)
        {
            var reasons = canceled.CancellationReasons is { Count: > 0 } r ? r : [new CancellationReason { Code = "Unknown" }];

            // A malformed or oversized item fails the same way every time: not a conflict to retry.
            if (reasons.FirstOrDefault(x => x.Code == "ValidationError") is { } invalid)
            {
                throw new FindingStoreException("TransactWriteItems", tableName, findingId, StoreFailure.ItemRejected, invalid.Message ?? "ValidationError", canceled);
            }

            return reasons;
        }
    }

    /// <summary>Exponential backoff with full jitter, capped at about a second (AWS Architecture Blog, "Exponential Backoff and Jitter").</summary>
    public Task BackoffAsync(int attempt, CancellationToken ct)
    {
        var capMs = Math.Min(1000, 10 * (1 << Math.Min(attempt, 7)));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, capMs + 1)), time, ct);
    }
}
