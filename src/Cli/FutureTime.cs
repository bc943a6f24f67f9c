using System.Globalization;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>An ISO-8601 time that must lie in the future (--until of mute and of suppressions): a past one would end at once.</summary>
public static class FutureTime
{
    public static DateTimeOffset? Parse(string option, string? value, TimeProvider clock)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            throw new CliInputException($"{option}: '{TextEscaping.PlainLine(value, 80)}' is not an ISO-8601 time such as 2027-01-31 or 2027-01-31T18:00:00Z");
        }

        var now = clock.GetUtcNow();
        return t > now
            ? t
            : throw new CliInputException($"{option}: {FindingJson.Iso(t)} is not in the future (now {FindingJson.Iso(now)}); give a later time, or leave --until out for no end");
    }
}
