using System.Globalization;

namespace Denied.Cli;

/// <summary>
/// What an Athena SQL query costs: $5.00 per TB scanned, each query rounded up to the next megabyte with a 10 MB
/// minimum (Amazon Athena pricing, aws.amazon.com/athena/pricing). Megabytes and terabytes are taken as 2^20 and 2^40
/// bytes. DDL statements (CREATE TABLE) are not charged.
/// </summary>
public static class AthenaCost
{
    public const decimal DollarsPerTerabyte = 5.00m;
    private const long Megabyte = 1L << 20;
    private const long MinimumMegabytes = 10;

    public static decimal Dollars(long bytesScanned)
    {
        var megabytes = Math.Max(MinimumMegabytes, (bytesScanned + Megabyte - 1) / Megabyte);
        return megabytes * DollarsPerTerabyte / (1024m * 1024m);
    }

    /// <summary>"1,234,567 bytes (1.2 MB) ≈ $0.000048 at $5.00 per TB, 10 MB minimum".</summary>
    public static string Describe(long bytesScanned) => string.Create(
        CultureInfo.InvariantCulture,
        $"{bytesScanned:N0} bytes ({Size(bytesScanned)}), billed as {Dollars(bytesScanned):0.######} USD at ${DollarsPerTerabyte:0.00} per TB scanned (rounded up to the MB, 10 MB minimum)");

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 40):0.0} TB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };
}
