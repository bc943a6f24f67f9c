using System.Globalization;

namespace Denied.Cli;

/// <summary>Parses --since: an ISO-8601 time ("2026-11-01", "2026-11-01T10:00:00Z") or an age ("90m", "24h", "7d").</summary>
public static class SinceParser
{
    public static DateTimeOffset? Parse(string? value, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length >= 2 && char.IsAsciiLetter(value[^1])
            && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? age = value[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (age is { } a)
            {
                return clock.GetUtcNow() - a;
            }
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new CliInputException($"--since: '{Denied.Rendering.TextEscaping.PlainLine(value, 80)}' is neither an ISO-8601 time nor an age such as 24h or 7d");
    }
}
