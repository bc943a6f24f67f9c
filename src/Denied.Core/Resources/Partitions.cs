namespace Denied.Resources;

/// <summary>
/// The ARN partition of a region (AWS General Reference, "Amazon Resource Names": aws, aws-cn,
/// aws-us-gov, plus the isolated partitions). A record without a region is taken as "aws".
/// </summary>
internal static class Partitions
{
    // Ordered: "us-isob-" must win over "us-iso-" and "us-gov-" over the commercial "us-".
    private static readonly (string RegionPrefix, string Partition)[] Table =
    [
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-isof-", "aws-iso-f"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
        ("eusc-", "aws-eusc"),
    ];

    public static string ForRegion(string? region)
    {
        foreach (var (regionPrefix, partition) in Table)
        {
            if (region?.StartsWith(regionPrefix, StringComparison.OrdinalIgnoreCase) == true)
            {
                return partition;
            }
        }

        return "aws";
    }
}
