using System.Globalization;

namespace Denied.Cli;

/// <summary>Counts in messages: "1 file", "2 files", "1,204 records".</summary>
public static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
