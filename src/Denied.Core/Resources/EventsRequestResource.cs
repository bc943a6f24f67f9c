using System.Text.Json;

namespace Denied.Resources;

/// <summary>
/// EventBridge PutEvents is authorised on the event bus of each entry; an entry without EventBusName
/// goes to the account's "default" bus (EventBridge API reference, PutEventsRequestEntry). Entries on
/// several buses give a note.
/// </summary>
internal sealed class EventsRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("events") || JsonParameters.Property(context.Parameters, "entries") is not { ValueKind: JsonValueKind.Array } entries)
        {
            yield break;
        }

        var buses = entries.EnumerateArray()
            .Select(e => JsonParameters.String(e, "eventBusName") ?? "default")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (buses.Count > 1)
        {
            yield return ResourceCandidate.NoteOnly($"the entries go to several event buses ({string.Join(", ", buses)}); the error message says which was denied");
        }
        else if (buses.Count == 1)
        {
            yield return buses[0].StartsWith("arn:", StringComparison.Ordinal)
                ? ResourceCandidate.ForArn(buses[0])
                : ResourceCandidate.ForType("event-bus", context.Values(("EventBusName", buses[0])));
        }
    }
}
