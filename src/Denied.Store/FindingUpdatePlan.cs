using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using Denied.Rendering;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The UpdateItem of one apply step, decided from the finding as just read. Every decision taken from
/// that read is pinned by the condition (status unchanged, firstSeen still later, lastSeen still earlier,
/// the item still absent), so a racing writer makes the transaction fail and the step re-read, never a
/// wrong result. DynamoDB has no max(): lastSeen only moves forward because of that condition.
/// </summary>
internal sealed class FindingUpdatePlan
{
    public required ExpressionBuilder Expressions { get; init; }
    public required string UpdateExpression { get; init; }
    public required string ConditionExpression { get; init; }
    public bool Reopens { get; init; }
    public bool Unmutes { get; init; }

    public static FindingUpdatePlan Build(
        FindingObservation observation, IReadOnlyList<ObservedEvent> events, IReadOnlyDictionary<string, AttributeValue>? current,
        long count, DateTimeOffset now, FindingStoreOptions options)
    {
        var e = new ExpressionBuilder();
        var set = new List<string>();
        var add = new List<string>();
        var remove = new List<string>();
        var cond = new List<string>();
        var fs = ItemTime.ToText(events.Min(x => x.EventTime));
        var ls = ItemTime.ToText(events.Max(x => x.EventTime));
        var functions = observation.FunctionNames;
        var open = FindingStatusCodes.Of(FindingStatus.Open);
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

        var reopens = false;
        var unmutes = false;
        List<string> samples;
        var takesLatest = true;
        if (current is null)
        {
            cond.Add($"attribute_not_exists({e.Name(A.Pk)})");
            set.Add($"{e.Name(A.Status)} = {e.Value(open)}");
            set.Add($"{e.Name(A.FirstSeen)} = {e.Value(fs)}");
            set.Add($"{e.Name(A.LastSeen)} = {e.Value(ls)}");
            set.Add($"{e.Name(A.ReopenCount)} = {e.Number(0)}");
            samples = newest;
        }
        else
        {
            var status = current[A.Status].S;
            cond.Add($"attribute_exists({e.Name(A.Pk)}) AND {e.Name(A.Status)} = {e.Value(status)}");
            if (string.CompareOrdinal(fs, current[A.FirstSeen].S) < 0)
            {
                var v = e.Value(fs);
                set.Add($"{e.Name(A.FirstSeen)} = {v}");
                cond.Add($"{e.Name(A.FirstSeen)} > {v}");
            }

            // A backfill of older events counts but does not replace the newer diagnosis or lastSeen.
            takesLatest = string.CompareOrdinal(ls, current[A.LastSeen].S) >= 0;
            if (takesLatest)
            {
                var v = e.Value(ls);
                set.Add($"{e.Name(A.LastSeen)} = {v}");
                cond.Add($"{e.Name(A.LastSeen)} <= {v}");
            }

            var stored = current.TryGetValue(A.SampleEventIds, out var l) && l.L is { } list ? list.Select(x => x.S).ToList() : [];
            samples = takesLatest ? [.. newest, .. stored] : [.. stored, .. newest];

            if (status == FindingStatusCodes.Of(FindingStatus.Resolved))
            {
                // Seen again after resolve: reopen, and stop the TTL that would delete it (PRODUCT.md "Findings").
                reopens = true;
                set.Add($"{e.Name(A.Status)} = {e.Value(open)}");
                add.Add($"{e.Name(A.ReopenCount)} {e.Number(1)}");
                remove.Add(e.Name(A.ResolvedAt));
                remove.Add(e.Name(A.ExpiresAt));
            }
            else if (status == FindingStatusCodes.Of(FindingStatus.Muted)
                && current.TryGetValue(A.MutedUntil, out var mu) && mu.S is { } until
                && ItemTime.Parse(until) <= now)
            {
                // A mute with an expiry ends at the first sighting after it; muted findings still count meanwhile.
                unmutes = true;
                set.Add($"{e.Name(A.Status)} = {e.Value(open)}");
                cond.Add($"{e.Name(A.MutedUntil)} = {e.Value(until)}");
                remove.Add(e.Name(A.MuteReason));
                remove.Add(e.Name(A.MutedUntil));
            }
        }

        if (takesLatest)
        {
            set.Add($"{e.Name(A.Diagnosis)} = {e.Value(DiagnosisJson.Serialize(observation.Latest))}");
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
            Reopens = reopens,
            Unmutes = unmutes,
        };
    }
}
