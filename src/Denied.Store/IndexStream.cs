using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Reads one GSI partition (index, key value) newest first, page by page, resuming after a given item.
/// Keeps the position of the last item handed out, so a page token can resume exactly after it even
/// when the DynamoDB page read further (filters and merges read ahead).
/// </summary>
internal sealed class IndexStream(IAmazonDynamoDB client, string tableName, FindingIndex index, string keyValue, string? statusFilter, string? since, int pageSize)
{
    private readonly Queue<Dictionary<string, AttributeValue>> _buffer = new();
    private Dictionary<string, AttributeValue>? _startKey;
    private bool _exhausted;

    /// <summary>Where the next read starts: null at the beginning, else after (lastSeen, pk).</summary>
    public (string LastSeen, string Pk)? Position { get; private set; }

    public bool IsDone => _exhausted && _buffer.Count == 0;

    public void ResumeAfter((string LastSeen, string Pk) position)
    {
        Position = position;
        _startKey = new()
        {
            [A.Pk] = FindingItemMapper.S(position.Pk),
            [A.Sk] = FindingItemMapper.S(A.FindingSk),
            [index.HashAttribute] = FindingItemMapper.S(keyValue),
            [A.LastSeen] = FindingItemMapper.S(position.LastSeen),
        };
    }

    public void MarkDone() => _exhausted = true;

    public async Task<Dictionary<string, AttributeValue>?> PeekAsync(CancellationToken ct)
    {
        while (_buffer.Count == 0 && !_exhausted)
        {
            await FetchAsync(ct);
        }

        return _buffer.Count > 0 ? _buffer.Peek() : null;
    }

    public Dictionary<string, AttributeValue> Take()
    {
        var item = _buffer.Dequeue();
        Position = (item[A.LastSeen].S, item[A.Pk].S);
        return item;
    }

    private async Task FetchAsync(CancellationToken ct)
    {
        var e = new ExpressionBuilder();
        var keyCondition = $"{e.Name(index.HashAttribute)} = {e.Value(keyValue)}";
        if (since is not null)
        {
            keyCondition += $" AND {e.Name(A.LastSeen)} >= {e.Value(since)}";
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = index.Name,
            KeyConditionExpression = keyCondition,
            ScanIndexForward = false,
            Limit = pageSize,
            ExclusiveStartKey = _startKey,
        };
        if (statusFilter is not null)
        {
            // Limit applies before the filter, so a page may come back short or empty: keep paging.
            request.FilterExpression = $"{e.Name(A.Status)} = {e.Value(statusFilter)}";
        }

        request.ExpressionAttributeNames = e.Names;
        request.ExpressionAttributeValues = e.Values;
        var response = await DynamoErrors.Run("Query " + index.Name, tableName, null, () => client.QueryAsync(request, ct), ct);
        foreach (var item in response.Items ?? [])
        {
            _buffer.Enqueue(item);
        }

        _startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        _exhausted = _startKey is null;
    }
}
