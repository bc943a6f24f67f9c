using System.Text.RegularExpressions;

namespace Denied.Actions;

/// <summary>
/// Strips the API-version suffix some services put on CloudTrail event names: Lambda's
/// "ListFunctions20150331", "UpdateFunctionCode20150331v2" (cloud-custodian#3292) and CloudFront's
/// "CreateDistribution2020_05_31". trailscraper strips <c>[0-9v_]+$</c>; this is narrower so that
/// names ending in a digit that IAM defines (s3 "ListObjectsV2" is mapped first anyway) survive.
/// </summary>
internal static partial class EventNameVersionSuffix
{
    public static string Strip(string eventName)
    {
        var match = Suffix().Match(eventName);
        return match.Success ? match.Groups["name"].Value : eventName;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z]+?)20\d{2}_?\d{2}_?\d{2}(?:v\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}
