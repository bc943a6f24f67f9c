using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using Denied.Rendering;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The UpdateItem of one apply step: <see cref="FindingLifecycle.Apply"/> decides the change from the finding as
/// just read, and this translates it. Every decision taken from that read is pinned by the condition (status
/// unchanged, firstSeen still later, lastSeen still earlier, the mute's expiry unchanged, the item still absent),
/// so a racing writer makes the transaction fail and the step re-read, never a wrong result. DynamoDB has no
/// max(): lastSeen only moves forward because of that condition.
/// </summary>
internal sealed class FindingUpdatePlan
{
    public required ExpressionBuilder Expressions { get; init; }
    public required string UpdateExpression { get; init; }
    public required string ConditionExpression { get; init; }
    public required FindingChange Change { get; init; }

    /// <summary>The lifecycle's view of a read finding item (status, times, mute expiry, counts).</summary>
    public static StoredFindingState? StateOf(IReadOnlyDictionary<string, AttributeValue>? current) =>
        current is null ? null : new StoredFindingState(
            FindingStatusCodes.Parse(current[A.Status].S) ?? throw new FormatException($"finding attribute '{A.Status}' has unknown code '{current[A.Status].S}'"),
            ItemTime.Parse(current[A.FirstSeen].S),
            ItemTime.Parse(current[A.LastSeen].S),
            current.TryGetValue(A.MutedUntil, out var mu) && mu.S is { } until ? ItemTime.Parse(until) : null,
            current.TryGetValue(A.ReopenCount, out var rc) && rc.N is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 0,
            current.TryGetValue(A.Count, out var c) && c.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0);

    public static FindingUpdatePlan Build(
        FindingObservation observation, IReadOnlyList<ObservedEvent> events, IReadOnlyDictionary<string, AttributeValue>? current,
        long count, DateTimeOffset now, FindingStoreOptions options)
    {
        var change = FindingLifecycle.Apply(StateOf(current), events.Min(x => x.EventTime), events.Max(x => x.EventTime), count, now);
        var e = new ExpressionBuilder();
        var set = new List<string>();
        var add = new List<string>();
        var remove = new List<string>();
        var cond = new List<string>();
        var functions = observation.FunctionNames;
        var newest = events.OrderByDescending(x => x.EventTime).Select(x => x.EventId).ToList();

        add.Add($"{e.Name(A.Count)} {e.Number(count)}");
        foreach (var (name, value) in FindingItemMapper.IdentityAttributes(observation.Key))
        {
            set.Add($"{e.Name(name)} = {e.Value(value)}");
        }

        if (functions.Count > 0)
        {
            add.Add($"{e.Name(A.FunctionNames)} {e.Value(new AttributeValue { SS = [.. functions] })}");
        }

        set.Add($"{e.Name(A.Change)} = {e.Value(FindingChangeCodes.Of(change.Kind))}");
        List<string> samples;
        if (current is null)
        {
            cond.Add($"attribute_not_exists({e.Name(A.Pk)})");
            set.Add($"{e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(change.Status))}");
            set.Add($"{e.Name(A.FirstSeen)} = {e.Value(ItemTime.ToText(change.FirstSeen!.Value))}");
            set.Add($"{e.Name(A.LastSeen)} = {e.Value(ItemTime.ToText(change.LastSeen!.Value))}");
            set.Add($"{e.Name(A.ReopenCount)} = {e.Number(0)}");
            samples = newest;
        }
        else
        {
            cond.Add($"attribute_exists({e.Name(A.Pk)}) AND {e.Name(A.Status)} = {e.Value(current[A.Status].S)}");
            if (change.FirstSeen is { } fs)
            {
                var v = e.Value(ItemTime.ToText(fs));
                set.Add($"{e.Name(A.FirstSeen)} = {v}");
                cond.Add($"{e.Name(A.FirstSeen)} > {v}");
            }

            if (change.LastSeen is { } ls)
            {
                var v = e.Value(ItemTime.ToText(ls));
                set.Add($"{e.Name(A.LastSeen)} = {v}");
                cond.Add($"{e.Name(A.LastSeen)} <= {v}");
            }

            var stored = current.TryGetValue(A.SampleEventIds, out var l) && l.L is { } list ? list.Select(x => x.S).ToList() : [];
            samples = change.TakesLatest ? [.. newest, .. stored] : [.. stored, .. newest];

            if (change.Kind == FindingChangeKind.Reopened)
            {
                // Seen again after resolve: reopen, and stop the TTL that would delete it.
                set.Add($"{e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(change.Status))}");
                add.Add($"{e.Name(A.ReopenCount)} {e.Number(1)}");
                remove.Add(e.Name(A.ResolvedAt));
                remove.Add(e.Name(A.ExpiresAt));
            }
            else if (change.Kind == FindingChangeKind.MuteEnded)
            {
                // The mute's expiry decided it: a racing re-mute with another expiry makes the write fail and re-read.
                set.Add($"{e.Name(A.Status)} = {e.Value(FindingStatusCodes.Of(change.Status))}");
                cond.Add($"{e.Name(A.MutedUntil)} = {e.Value(current[A.MutedUntil].S)}");
                remove.Add(e.Name(A.MuteReason));
                remove.Add(e.Name(A.MutedUntil));
            }
        }

        var latest = observation.Latest;
        var widened = false;
        if (observation.Objects is { Scope: not null } objects)
        {
            (latest, widened) = S3Objects.Plan(observation.Latest, objects, current, e, set, cond);
        }

        // A wider grant is written even with an older observation's diagnosis: the stored fix must cover every object seen.
        if (change.TakesLatest || widened)
        {
            set.Add($"{e.Name(A.Diagnosis)} = {e.Value(DiagnosisJson.Serialize(latest))}");
            if (observation.Latest.ErrorCode is { } code)
            {
                set.Add($"{e.Name(A.ErrorCode)} = {e.Value(code)}");
            }
        }

        // functionName keys the byFunction index: set once, to the first name seen, and never to "".
        if (functions.Count > 0 && (current is null || !current.ContainsKey(A.FunctionName)))
        {
            set.Add($"{e.Name(A.FunctionName)} = if_not_exists({e.Name(A.FunctionName)}, {e.Value(functions.First())})");
        }

        var kept = samples.Distinct(StringComparer.Ordinal).Take(options.SampleEventIdLimit).Select(FindingItemMapper.S).ToList();
        set.Add($"{e.Name(A.SampleEventIds)} = {e.Value(new AttributeValue { L = kept })}");

        var update = "SET " + string.Join(", ", set) + " ADD " + string.Join(", ", add)
            + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : "");
        return new FindingUpdatePlan
        {
            Expressions = e,
            UpdateExpression = update,
            ConditionExpression = string.Join(" AND ", cond),
            Change = change,
        };
    }
}
