namespace Denied.CloudTrail;

/// <summary>One unit read from an input: a record, a record skipped as surely not a denial, or an error.</summary>
/// <param name="Location">Where it came from: "file.json.gz record 12" (never content).</param>
public readonly record struct InputItem(string Location, CloudTrailRecord? Record, string? Error, bool SkippedAsNotDenied)
{
    public static InputItem Of(string location, CloudTrailRecord record) => new(location, record, null, false);
    public static InputItem Failed(string location, string error) => new(location, null, error, false);
    public static InputItem Skipped(string location) => new(location, null, null, true);
}
