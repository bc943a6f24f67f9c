namespace Denied.Cli;

/// <summary>
/// Which files of a folder or S3 prefix a scan reads: CloudTrail writes its log files as
/// <c>…_CloudTrail_….json.gz</c> ("Finding your CloudTrail log files", AWS CloudTrail User Guide), and
/// uncompressed exports are <c>.json</c>. Everything else (digest folders' readme, C# sources, images) is
/// skipped and listed, so a wrong path is visible instead of being read as "records".
/// A file named on the command line is read whatever its name: the user chose it.
/// </summary>
public sealed class LogFileFilter
{
    private const int Examples = 3;
    private readonly List<string> _examples = [];

    /// <summary>How many files were skipped by name.</summary>
    public int Skipped { get; private set; }

    public static bool IsLogFile(string name) =>
        name.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="name"/> is read; false (and counted) when it is skipped.</summary>
    public bool Accept(string name)
    {
        if (IsLogFile(name))
        {
            return true;
        }

        Skipped++;
        if (_examples.Count < Examples)
        {
            _examples.Add(name);
        }

        return false;
    }

    /// <summary>"skipped 27 files that are not .json or .json.gz: a.cs, b.cs, c.cs, …", or null when none was.</summary>
    public string? Note() => Skipped == 0 ? null
        : $"skipped {Plural.Of(Skipped, "file")} that {(Skipped == 1 ? "is" : "are")} not .json or .json.gz: "
            + string.Join(", ", _examples.Select(e => Denied.Rendering.TextEscaping.PlainLine(e, 120)))
            + (Skipped > _examples.Count ? ", …" : "");
}
