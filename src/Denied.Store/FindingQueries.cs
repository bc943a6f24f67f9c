using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Serves <see cref="FindingQuery"/> from the GSIs only (each query by a key or an
/// index, never a Scan, whose cost grows with the table). One selector picks its index and Status becomes a filter; Status alone uses byStatus;
/// no selector at all merges the three byStatus partitions newest first.
/// </summary>
internal sealed class FindingQueries(IAmazonDynamoDB client, string tableName)
{
    public async Task<FindingPage> QueryAsync(FindingQuery query, string? pageToken, CancellationToken ct)
    {
        if (query.Limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "FindingQuery.Limit must be between 1 and 1000");
        }

        var streams = Streams(query);
        if (pageToken is not null)
        {
            FindingCursor.Apply(pageToken, streams);
        }

        var items = new List<Finding>();
        while (items.Count < query.Limit)
        {
            // k-way merge on lastSeen: each stream is already newest first.
            IndexStream? best = null;
            string? bestSeen = null;
            foreach (var stream in streams)
            {
                if (await stream.PeekAsync(ct) is { } head && (bestSeen is null || string.CompareOrdinal(head[A.LastSeen].S, bestSeen) > 0))
                {
                    best = stream;
                    bestSeen = head[A.LastSeen].S;
                }
            }

            if (best is null)
            {
                break;
            }

            items.Add(FindingItemMapper.FromItem(best.Take()));
        }

        return new FindingPage(items, FindingCursor.Encode(streams));
    }

    private List<IndexStream> Streams(FindingQuery query)
    {
        var since = query.Since is { } s ? ItemTime.ToText(s) : null;
        var status = query.Status is { } st ? FindingStatusCodes.Of(st) : null;
        (string? Value, FindingIndex Index)[] selectors =
        [
            (query.Function, FindingTableSchema.ByFunction),
            (query.RoleArn, FindingTableSchema.ByRole),
            (query.Action, FindingTableSchema.ByAction),
            (query.Service, FindingTableSchema.ByService),
            (query.Account, FindingTableSchema.ByAccount),
        ];
        var chosen = selectors.Where(x => x.Value is not null).ToList();
        if (chosen.Count > 1)
        {
            throw new ArgumentException("a FindingQuery selects by at most one of Function, RoleArn, Action, Service, Account", nameof(query));
        }

        if (chosen.Count == 1)
        {
            return [new IndexStream(client, tableName, chosen[0].Index, chosen[0].Value!, status, since, query.Limit)];
        }

        var statuses = status is not null ? [status] : Enum.GetValues<FindingStatus>().Select(FindingStatusCodes.Of).ToArray();
        return statuses.Select(code => new IndexStream(client, tableName, FindingTableSchema.ByStatus, code, null, since, query.Limit)).ToList();
    }

    /// <summary>One finding by id, strongly consistent; null when there is none.</summary>
    public async Task<Finding?> GetAsync(string findingId, CancellationToken ct)
    {
        var request = new GetItemRequest { TableName = tableName, Key = FindingItemMapper.Key(findingId), ConsistentRead = true };
        var response = await DynamoErrors.Run("GetItem", tableName, findingId, () => client.GetItemAsync(request, ct), ct);
        return response.Item is { Count: > 0 } item ? FindingItemMapper.FromItem(item) : null;
    }
}
