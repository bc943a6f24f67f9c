using System.Globalization;

namespace Denied.Store;

/// <summary>
/// Times as stored: ISO-8601 UTC with milliseconds ("yyyy-MM-ddTHH:mm:ss.fffZ"), fixed width so string
/// order is time order (the GSI sort key lastSeen relies on it); TTL values as epoch seconds.
/// </summary>
internal static class ItemTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string ToEpoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset FromEpoch(string seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));
}
