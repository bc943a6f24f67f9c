using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// Adds claimed tokens to a finding: one TransactWriteItems holding the finding's UpdateItem (ADD count by
/// the tokens' total) and one conditional Put per token marker. The count grows exactly when the markers
/// are written, and a marker can be written once, so a token is never counted twice nor lost: this is the
/// whole idempotency argument. Up to TransactionMaxItems - 1 tokens go into one write on the finding key.
/// The finding is read first (strongly consistent, a read not a write) so status changes (reopen, end of
/// a mute), firstSeen/lastSeen and the sample list are decided here and pinned by the update's condition.
/// </summary>
internal sealed class FindingApplier(IAmazonDynamoDB client, DynamoCalls calls, EventLedger ledger, TimeProvider time, FindingStoreOptions options)
{
    public async Task<ApplyOutcome> ApplyAsync(FindingObservation observation, IReadOnlyList<ObservedEvent> events, IReadOnlyList<ClaimedToken> tokens, WriteStats stats, CancellationToken ct)
    {
        var result = new ApplyOutcome(0, false, false, false);
        var pending = new List<ClaimedToken>(tokens);
        var id = observation.Key.Id;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt >= options.MaxAttempts)
            {
                throw new FindingStoreException("TransactWriteItems (apply)", calls.TableName, id, true,
                    $"{pending.Count} claimed tokens not applied after {attempt} attempts (racing writers or throttling)");
            }

            if (attempt > 0)
            {
                await calls.BackoffAsync(attempt, ct);
            }

            var batch = pending.Take(options.TransactionMaxItems - 1).ToList();
            var current = await ReadCurrentAsync(id, ct);
            var plan = FindingUpdatePlan.Build(observation, events, current, batch.Sum(t => (long)t.Count), time.GetUtcNow(), options);
            List<TransactWriteItem> items =
            [
                new() { Update = new Update
                {
                    TableName = calls.TableName,
                    Key = FindingItemMapper.Key(id),
                    UpdateExpression = plan.UpdateExpression,
                    ConditionExpression = plan.ConditionExpression,
                    ExpressionAttributeNames = plan.Expressions.NamesOrNull,
                    ExpressionAttributeValues = plan.Expressions.ValuesOrNull,
                } },
                .. batch.Select(t => ledger.MarkerPut(t, id)),
            ];
            stats.FindingWriteRequests++;
            var reasons = await calls.TransactAsync(items, id, stats, ct);
            if (reasons is null)
            {
                result = new ApplyOutcome(result.Counted + batch.Sum(t => (long)t.Count), result.IsNew || plan.Change.Kind == FindingChangeKind.New,
                    result.Reopened || plan.Change.Kind == FindingChangeKind.Reopened, result.Unmuted || plan.Change.Kind == FindingChangeKind.MuteEnded);
                pending.RemoveRange(0, batch.Count);
                attempt = -1;
                continue;
            }

            // Reason i+1 belongs to batch[i]'s marker: a racing writer applied that token, so it is done.
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                if (i + 1 < reasons.Count && reasons[i + 1].Code == "ConditionalCheckFailed")
                {
                    pending.Remove(batch[i]);
                }
            }

            // A failed finding condition (its status, firstSeen or lastSeen moved) is settled by re-reading it.
        }

        return result;
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadCurrentAsync(string id, CancellationToken ct)
    {
        var request = new GetItemRequest
        {
            TableName = calls.TableName,
            Key = FindingItemMapper.Key(id),
            ConsistentRead = true,
            ProjectionExpression = "#pk, #st, #fs, #ls, #mu, #se, #fn, #rc, #c, #os, #ok, #oc, #so",
            ExpressionAttributeNames = new()
            {
                ["#pk"] = A.Pk, ["#st"] = A.Status, ["#fs"] = A.FirstSeen, ["#ls"] = A.LastSeen,
                ["#mu"] = A.MutedUntil, ["#se"] = A.SampleEventIds, ["#fn"] = A.FunctionName,
                ["#rc"] = A.ReopenCount, ["#c"] = A.Count,
                ["#os"] = A.ObjectScope, ["#ok"] = A.ObjectScopeKind, ["#oc"] = A.ObjectCount, ["#so"] = A.SampleObjects,
            },
        };
        var response = await DynamoErrors.Run("GetItem", calls.TableName, id, () => client.GetItemAsync(request, ct), ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
