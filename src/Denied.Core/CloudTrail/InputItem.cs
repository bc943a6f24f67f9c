namespace Denied.CloudTrail;

/// <summary>One unit read from an input: a record, a record skipped as surely not a denial, or an error.</summary>
/// <remarks>
/// A skipped record keeps its source name and record number and formats <see cref="Location"/> only when asked:
/// skipped records are most of a log, and formatting a location each would be the scan's one allocation per
/// successful record.
/// </remarks>
public readonly record struct InputItem
{
    private readonly string? _location;
    private readonly string? _source;
    private readonly int _number;

    /// <param name="Location">Where it came from: "file.json.gz record 12" (never content).</param>
    public InputItem(string Location, CloudTrailRecord? Record, string? Error, bool SkippedAsNotDenied)
    {
        _location = Location;
        this.Record = Record;
        this.Error = Error;
        this.SkippedAsNotDenied = SkippedAsNotDenied;
    }

    private InputItem(string source, int number)
    {
        _source = source;
        _number = number;
        SkippedAsNotDenied = true;
    }

    /// <summary>Where it came from: "file.json.gz record 12" (never content).</summary>
    public string Location => _location ?? LocationOf(_source ?? "", _number);

    public CloudTrailRecord? Record { get; init; }
    public string? Error { get; init; }
    public bool SkippedAsNotDenied { get; init; }

    /// <summary>The size of the record's JSON, for a parsed record: what a reader ahead of the scan counts against its budget.</summary>
    public int SourceBytes { get; init; }

    public static InputItem Of(string location, CloudTrailRecord record) => new(location, record, null, false);
    public static InputItem Failed(string location, string error) => new(location, null, error, false);
    public static InputItem Skipped(string location) => new(location, null, null, true);

    /// <summary>A skipped record named by its source and 1-based record number, the location formatted on demand.</summary>
    public static InputItem Skipped(string source, int recordNumber) => new(source, recordNumber);

    /// <summary>The location of record <paramref name="recordNumber"/> (1-based) of a source.</summary>
    public static string LocationOf(string source, int recordNumber) => $"{source} record {recordNumber}";

    public void Deconstruct(out string Location, out CloudTrailRecord? Record, out string? Error, out bool SkippedAsNotDenied)
    {
        Location = this.Location;
        Record = this.Record;
        Error = this.Error;
        SkippedAsNotDenied = this.SkippedAsNotDenied;
    }

    public bool Equals(InputItem other) =>
        Location == other.Location && Equals(Record, other.Record)
        && Error == other.Error && SkippedAsNotDenied == other.SkippedAsNotDenied;

    public override int GetHashCode() => HashCode.Combine(Location, Record, Error, SkippedAsNotDenied);
}
