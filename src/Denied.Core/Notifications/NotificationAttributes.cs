using Denied.Diagnostics;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// The SNS message attributes of a notification, so subscribers can filter (subscription filter policies):
/// account, function, service, layer, severity plus transition ("new",
/// "reopened", "threshold") and findingId. Names are a public contract. Values are one line of plain text
/// (<see cref="TextEscaping.PlainLine"/>, at most <see cref="MaxValueLength"/> characters), never empty:
/// "unknown" stands for a missing value (SNS rejects an empty String attribute).
/// </summary>
public static class NotificationAttributes
{
    public const string Account = "account";
    public const string Function = "function";
    public const string Service = "service";
    public const string Layer = "layer";
    public const string SeverityName = "severity";
    public const string Transition = "transition";
    public const string FindingId = "findingId";

    public const int MaxValueLength = 256;

    public static IReadOnlyDictionary<string, string> For(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Finding;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Account] = Value(f.Key.Account),
            [Function] = Value(NotificationFacts.FunctionName(f)),
            [Service] = Value(NotificationFacts.Service(f.Key.Action)),
            [Layer] = Codes.Of(f.Key.Layer),
            [SeverityName] = Severity.Of(f.Key.Layer, f.Diagnosis.ExplicitDeny),
            [Transition] = NotificationTransition.KindOf(notification.Transition),
            [FindingId] = Value(f.Id),
        };
    }

    // PlainLine stops adding once it holds maxLength characters, but the last rune it adds may be a 7-character
    // escape (\uXXXXX) or a surrogate pair, and the cut adds an ellipsis: 8 characters of room keep the value within
    // MaxValueLength.
    private static string Value(string? raw) =>
        TextEscaping.PlainLine(raw, MaxValueLength - 8) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v : "unknown";
}
