using System.Globalization;
using System.Text.Json;
using Denied.Findings;

namespace Denied.Rendering;

/// <summary>
/// A finding in JSON: schemaVersion, the diagnosis record's fields (docs/schemas/diagnosis.schema.json) plus findingId, count, firstSeen,
/// lastSeen, functionNames, sampleEventIds, objects (S3 object findings, else null) and, for stored findings, status.
/// </summary>
public static class FindingJson
{
    public static void Write(Utf8JsonWriter w, ScanFinding finding)
    {
        var o = finding.Observation;
        w.WriteStartObject();
        w.WriteString("schemaVersion", SchemaVersion.Current);
        DiagnosisJson.WriteBody(w, o.Latest);
        WriteCounts(w, finding.Id, finding.Count, o.FirstSeen, o.LastSeen, o.FunctionNames, finding.SampleEventIds);
        WriteObjects(w, finding.Objects);
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, Finding finding)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion", SchemaVersion.Current);
        DiagnosisJson.WriteBody(w, finding.Diagnosis);
        WriteCounts(w, finding.Id, finding.Count, finding.FirstSeen, finding.LastSeen, finding.FunctionNames, finding.SampleEventIds);
        WriteObjects(w, finding.Objects);
        w.WriteString("status", FindingStatusCodes.Of(finding.Status));
        w.WriteString("muteReason", finding.MuteReason);
        w.WriteString("mutedUntil", finding.MutedUntil is { } u ? Iso(u) : null);
        w.WriteString("resolvedAt", finding.ResolvedAt is { } r ? Iso(r) : null);
        w.WriteNumber("reopenCount", finding.ReopenCount);
        w.WriteEndObject();
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteCounts(Utf8JsonWriter w, string id, long count, DateTimeOffset first, DateTimeOffset last,
        IEnumerable<string> functions, IEnumerable<string> samples)
    {
        w.WriteString("findingId", id);
        w.WriteNumber("count", count);
        w.WriteString("firstSeen", Iso(first));
        w.WriteString("lastSeen", Iso(last));
        DiagnosisJson.WriteStrings(w, "functionNames", functions);
        DiagnosisJson.WriteStrings(w, "sampleEventIds", samples);
    }

    private static void WriteObjects(Utf8JsonWriter w, FindingObjects? objects)
    {
        if (objects is null)
        {
            w.WriteNull("objects");
            return;
        }

        w.WriteStartObject("objects");
        w.WriteString("scope", objects.Scope);
        w.WriteNumber("count", objects.Count);
        w.WriteBoolean("countIsExact", objects.CountIsExact);
        DiagnosisJson.WriteStrings(w, "samples", objects.Samples);
        w.WriteEndObject();
    }

    public static void WriteStats(Utf8JsonWriter w, ScanStats stats)
    {
        w.WriteStartObject();
        w.WriteNumber("files", stats.Files);
        w.WriteNumber("records", stats.Records);
        w.WriteNumber("skippedNotDenied", stats.SkippedNotDenied);
        w.WriteNumber("notDenied", stats.NotDenied);
        w.WriteNumber("outsideWindow", stats.OutsideWindow);
        w.WriteNumber("denied", stats.Denied);
        w.WriteNumber("ignoredOtherPrincipal", stats.IgnoredOtherPrincipal);
        w.WriteNumber("suppressed", stats.Suppressed);
        w.WriteStartObject("suppressedByRule");
        foreach (var (rule, count) in stats.SuppressedByRule)
        {
            w.WriteNumber(rule, count);
        }

        w.WriteEndObject();
        w.WriteStartArray("errors");
        foreach (var (location, message) in stats.Errors)
        {
            w.WriteStartObject();
            w.WriteString("location", location);
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
