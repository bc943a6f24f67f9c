using Denied.Diagnostics;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// The machine-readable form for HTTPS, SQS, Lambda and email-json subscribers:
/// <c>{"type":"denied.finding","transition":"new","severity":"low","truncated":false,"finding":{...}}</c>, where
/// finding is <see cref="FindingJson"/> (the diagnosis record, <see cref="DiagnosisJson"/>, plus counts and status). Field
/// names are a public contract. Strings use the default JSON encoder, so an HTML-sensitive or control
/// character from CloudTrail arrives as a \u escape.
/// </summary>
public static class StructuredRenderer
{
    public const string Type = "denied.finding";

    /// <summary>The whole finding; <paramref name="truncated"/> marks a finding already shrunk by <see cref="CompactFinding"/>.</summary>
    public static string Render(Notification notification, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Finding;
        return JsonText.Write(w =>
        {
            WriteHeader(w, notification, truncated);
            w.WritePropertyName("finding");
            FindingJson.Write(w, f);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The last-resort form when even a compact finding is too large: the identity, counts and status only,
    /// each string cut to 256 characters, with truncated true. Subscribers read the rest from the table by findingId.
    /// </summary>
    public static string RenderMinimal(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Finding;
        var cut = (string v) => NotificationFacts.Cut(v, 256);
        return JsonText.Write(w =>
        {
            WriteHeader(w, notification, truncated: true);
            w.WriteStartObject("finding");
            w.WriteString("findingId", cut(f.Id));
            w.WriteString("account", cut(f.Key.Account));
            w.WriteString("region", cut(f.Key.Region));
            w.WriteString("roleArn", cut(f.Key.RoleArn));
            w.WriteString("action", cut(f.Key.Action));
            w.WriteString("resource", cut(f.Diagnosis.Resource ?? f.Key.Resource));
            w.WriteString("layer", Codes.Of(f.Key.Layer));
            w.WriteString("functionName", NotificationFacts.FunctionName(f) is { } fn ? cut(fn) : null);
            w.WriteNumber("count", f.Count);
            w.WriteString("firstSeen", FindingJson.Iso(f.FirstSeen));
            w.WriteString("lastSeen", FindingJson.Iso(f.LastSeen));
            w.WriteString("status", Findings.FindingStatusCodes.Of(f.Status));
            w.WriteNumber("reopenCount", f.ReopenCount);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteHeader(System.Text.Json.Utf8JsonWriter w, Notification n, bool truncated)
    {
        w.WriteStartObject();
        w.WriteString("schemaVersion", SchemaVersion.Current);
        w.WriteString("type", Type);
        w.WriteString("transition", n.Transition);
        w.WriteString("severity", Severity.Of(n.Finding.Key.Layer, n.Finding.Diagnosis.ExplicitDeny));
        w.WriteBoolean("truncated", truncated);
    }
}
