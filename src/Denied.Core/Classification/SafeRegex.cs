using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>
/// Shared regex settings for parsing attacker-controlled messages. Every pattern is anchored or led by a
/// literal and bounds each variable part ({1,N}), so matching stays linear; the timeout is a backstop,
/// and a timed-out pattern counts as "no match" rather than failing the record.
/// </summary>
internal static class SafeRegex
{
    public const RegexOptions Options =
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Wall-clock, so it must stay far above any honest match (microseconds): at 250 ms a loaded machine that
    /// descheduled the thread mid-match turned a valid message into "no match", a diagnosis that depended on load.
    /// </summary>
    public const int TimeoutMilliseconds = 2000;

    /// <summary>The successful match, or null when the pattern does not match or times out.</summary>
    public static Match? Match(Regex regex, string input)
    {
        try
        {
            var match = regex.Match(input);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The group's value, or null when it did not take part in the match.</summary>
    public static string? Group(Match match, string name)
    {
        var group = match.Groups[name];
        return group.Success ? group.Value : null;
    }

    /// <summary>Drops a sentence-ending period that the message glued to an ARN or name.</summary>
    public static string? TrimPeriod(string? value) =>
        value is null ? null : value.TrimEnd('.') is { Length: > 0 } trimmed ? trimmed : value;
}
