using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The event ledger: one item per CloudTrail eventID (pk "E#id"), claimed at most once, and the
/// applied-token markers (pk "T#token"). Claims are TransactWriteItems of conditional Puts, so one claim
/// transaction either writes all its events with one token and their exact number, or none. Keys are
/// spread over the table, so a storm on one finding is not a storm on one partition here.
/// </summary>
internal sealed class EventLedger(DynamoCalls calls, TimeProvider time, FindingStoreOptions options)
{
    /// <summary>
    /// Claims every event not yet in the ledger, in transactions of <see cref="FindingStoreOptions.TransactionMaxItems"/>,
    /// and reports the tokens of events claimed before (crashed or racing attempts) so the caller can make sure they are applied.
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(FindingKey key, IReadOnlyList<ObservedEvent> events, WriteStats stats, CancellationToken ct)
    {
        var findingId = key.Id;
        var remaining = events.Select(e => e.EventId).ToList();
        var claimed = new List<ClaimedToken>();
        var found = new Dictionary<string, ClaimedToken>(StringComparer.Ordinal);
        var skipped = 0;
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            if (attempt >= options.MaxAttempts)
            {
                throw new FindingStoreException("TransactWriteItems (claim)", calls.TableName, findingId, true,
                    $"{remaining.Count} events still unclaimed after {attempt} attempts (racing writers or throttling)");
            }

            if (attempt > 0)
            {
                await calls.BackoffAsync(attempt, ct);
            }

            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in await ReadAsync(remaining, findingId, ct))
            {
                known.Add(entry.EventId);
                skipped++;

                // An event claimed for another finding (a changed classification) is that finding's to count.
                if (entry.FindingId == findingId)
                {
                    found.TryAdd(entry.Token.Token, entry.Token);
                }
            }

            remaining = remaining.Where(id => !known.Contains(id)).ToList();
            var done = 0;
            foreach (var chunk in remaining.Chunk(options.TransactionMaxItems))
            {
                var token = new ClaimedToken(NewToken(), chunk.Length);
                var reasons = await calls.TransactAsync(chunk.Select(id => ClaimPut(id, findingId, token)).ToList(), findingId, stats, ct);
                if (reasons is not null)
                {
                    // Nothing of this chunk was written. Someone claimed some of its events meanwhile
                    // (ConditionalCheckFailed) or is writing them (TransactionConflict): re-read and go again.
                    break;
                }

                claimed.Add(token);
                done += chunk.Length;
            }

            remaining = remaining.Skip(done).ToList();

            // Only attempts that made no progress count toward the limit: a big observation takes many rounds.
            if (done > 0 || known.Count > 0)
            {
                attempt = -1;
            }
        }

        return new ClaimOutcome(claimed, [.. found.Values], skipped);
    }

    /// <summary>Which of the given tokens have an applied marker (their count is already in the finding).</summary>
    public async Task<HashSet<string>> AppliedAsync(IEnumerable<ClaimedToken> tokens, string findingId, CancellationToken ct)
    {
        var keys = tokens.Select(t => MarkerKey(t.Token)).ToList();
        var items = keys.Count == 0 ? [] : await calls.BatchGetAsync(keys, "#pk", new() { ["#pk"] = A.Pk }, findingId, ct);
        return items.Select(i => i[A.Pk].S[A.TokenPrefix.Length..]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The Put that marks a token applied; it fails if the token was applied already.</summary>
    public TransactWriteItem MarkerPut(ClaimedToken token, string findingId) => new()
    {
        Put = new Put
        {
            TableName = calls.TableName,
            Item = new Dictionary<string, AttributeValue>(MarkerKey(token.Token))
            {
                [A.FindingId] = FindingItemMapper.S(findingId),
                [A.BatchCount] = FindingItemMapper.N(token.Count),

                // Outlives every ledger entry of the token (claimed earlier, same retention).
                [A.ExpiresAt] = new AttributeValue { N = ItemTime.ToEpoch(time.GetUtcNow() + options.LedgerRetention + TimeSpan.FromDays(1)) },
            },
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = A.Pk },
        },
    };

    private async Task<List<LedgerEntry>> ReadAsync(IReadOnlyList<string> eventIds, string findingId, CancellationToken ct)
    {
        var keys = eventIds.Select(EventKey).ToList();
        var names = new Dictionary<string, string> { ["#pk"] = A.Pk, ["#f"] = A.FindingId, ["#t"] = A.Token, ["#n"] = A.BatchCount, ["#e"] = A.ExpiresAt };
        var items = await calls.BatchGetAsync(keys, "#pk, #f, #t, #n, #e", names, findingId, ct);
        var now = time.GetUtcNow().ToUnixTimeSeconds();

        // TTL deletes lazily (up to days late): an entry past its expiry is treated as absent, as its claim condition does.
        return items
            .Where(i => !(i.TryGetValue(A.ExpiresAt, out var e) && long.Parse(e.N, CultureInfo.InvariantCulture) < now))
            .Select(i => new LedgerEntry(
                i[A.Pk].S[A.EventPrefix.Length..],
                i[A.FindingId].S,
                new ClaimedToken(i[A.Token].S, int.Parse(i[A.BatchCount].N, CultureInfo.InvariantCulture))))
            .ToList();
    }

    private TransactWriteItem ClaimPut(string eventId, string findingId, ClaimedToken token)
    {
        var now = time.GetUtcNow();
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = calls.TableName,
                Item = new Dictionary<string, AttributeValue>(EventKey(eventId))
                {
                    [A.FindingId] = FindingItemMapper.S(findingId),
                    [A.Token] = FindingItemMapper.S(token.Token),
                    [A.BatchCount] = FindingItemMapper.N(token.Count),
                    [A.ExpiresAt] = new AttributeValue { N = ItemTime.ToEpoch(now + options.LedgerRetention) },
                },
                ConditionExpression = "attribute_not_exists(#pk) OR #e < :now",
                ExpressionAttributeNames = new() { ["#pk"] = A.Pk, ["#e"] = A.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = new AttributeValue { N = ItemTime.ToEpoch(now) } },
            },
        };
    }

    // A sortable time prefix makes tokens readable in the table and in logs; the GUID makes them unique.
    private string NewToken() =>
        time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    private static Dictionary<string, AttributeValue> EventKey(string eventId) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.EventPrefix + eventId),
        [A.Sk] = FindingItemMapper.S(A.EventSk),
    };

    private static Dictionary<string, AttributeValue> MarkerKey(string token) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.TokenPrefix + token),
        [A.Sk] = FindingItemMapper.S(A.AppliedSk),
    };
}
