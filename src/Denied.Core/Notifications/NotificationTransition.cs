using System.Globalization;

namespace Denied.Notifications;

/// <summary>
/// The names of the state changes that notify. A transition is part of a
/// notification marker's key in the findings table, so these spellings are stable: "new",
/// "reopened#&lt;reopenCount&gt;" and "threshold#&lt;count&gt;".
/// </summary>
public static class NotificationTransition
{
    public const string New = "new";
    public const string ReopenedKind = "reopened";
    public const string ThresholdKind = "threshold";

    /// <summary>The reopening that made <paramref name="reopenCount"/> (each reopening is its own notification).</summary>
    public static string Reopened(int reopenCount) => ReopenedKind + "#" + reopenCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>The count passing <paramref name="threshold"/> (at most once per threshold per finding).</summary>
    public static string Threshold(long threshold) => ThresholdKind + "#" + threshold.ToString(CultureInfo.InvariantCulture);

    /// <summary>"new", "reopened" or "threshold": the part before '#', for message attributes and titles.</summary>
    public static string KindOf(string transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var hash = transition.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? transition : transition[..hash];
    }

    /// <summary>The number after '#' (the reopen count or the threshold), or null for "new".</summary>
    public static long? NumberOf(string transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var hash = transition.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 && long.TryParse(transition.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
