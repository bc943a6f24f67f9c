using System.CommandLine;
using System.Globalization;

namespace Denied.Cli;

/// <summary>
/// The options of `scan` that read records from somewhere other than files: --lookup (CloudTrail event history) and
/// --athena (a query over the trail bucket), declared here so the scan command only adds them and asks for the intake.
/// </summary>
public sealed class IntakeOptions
{
    private readonly Option<bool> _lookup = new("--lookup") { Description = "read CloudTrail event history (LookupEvents: 90 days of management events, no trail needed) instead of files" };
    private readonly Option<bool> _athena = new("--athena") { Description = "query the trail bucket with Athena (--table, --output-location) and diagnose the denial rows it returns" };
    private readonly Option<string?> _from = new("--from") { Description = "--lookup/--athena: records at or after this time (ISO-8601 or an age such as 7d); same as --since" };
    private readonly Option<string?> _to = new("--to") { Description = "--lookup/--athena: records at or before this time (ISO-8601 or an age)" };
    private readonly Option<string?> _function = new("--function") { Description = "--lookup: only this function's sessions (sent as the Username lookup attribute)" };
    private readonly Option<string?> _role = new("--role") { Description = "--lookup: only sessions of this execution role (role name; filtered locally)" };
    private readonly Option<string?> _eventSource = new("--event-source") { Description = "--lookup: only calls to this service, e.g. s3.amazonaws.com" };
    private readonly Option<string[]> _regions = new("--regions") { Description = "--lookup: regions whose event history to read (default: --region); --athena: region partitions to query", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _accounts = new("--accounts") { Description = "--athena: account partitions to query (12-digit IDs)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _table = new("--table") { Description = "--athena: the CloudTrail table, DATABASE.TABLE" };
    private readonly Option<string?> _outputLocation = new("--output-location") { Description = "--athena: s3:// URL for query results (default: the workgroup's)" };
    private readonly Option<string?> _workGroup = new("--workgroup") { Description = "--athena: Athena workgroup (default: primary)" };
    private readonly Option<bool> _createTable = new("--athena-create-table") { Description = "--athena: first create the documented CloudTrail table with partition projection over --trail-bucket" };
    private readonly Option<string?> _trailBucket = new("--trail-bucket") { Description = "--athena-create-table: the trail's s3://bucket/[prefix/]AWSLogs/ (AWSLogs/o-ORGID/ for an organization trail)" };
    private readonly Option<bool> _printQuery = new("--print-query") { Description = "--athena: print the SQL on standard error before running it" };
    private readonly Option<string?> _timeout = new("--timeout") { Description = "--athena: stop a query still running after this long (e.g. 90s, 10m; default 10m)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     _lookup, _athena, _from, _to, _function, _role, _eventSource, _regions, _accounts, _table, _outputLocation, _workGroup,
                     _createTable, _trailBucket, _printQuery, _timeout,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The intake the command line asks for, or null for a file scan of <paramref name="path"/>; <see cref="CliInputException"/> for a bad combination.</summary>
    public ScanIntake? Read(ParseResult parse, string? path, string? since, TimeProvider clock)
    {
        var lookup = parse.GetValue(_lookup);
        var athena = parse.GetValue(_athena) || parse.GetValue(_createTable);
        if (lookup && athena)
        {
            throw new CliInputException("--lookup and --athena are two different sources: pick one");
        }

        if (!lookup && !athena)
        {
            if (path is null)
            {
                throw new CliInputException("scan needs a PATH (file, folder or s3://bucket/prefix), --lookup or --athena");
            }

            if (parse.GetValue(_from) is not null || parse.GetValue(_to) is not null)
            {
                throw new CliInputException("--from and --to go with --lookup or --athena; for files use --since");
            }

            return null;
        }

        if (path is not null)
        {
            throw new CliInputException($"--{(lookup ? "lookup" : "athena")} reads from AWS, not from a PATH: leave '{Rendering.TextEscaping.PlainLine(path, 80)}' out");
        }

        if (since is not null && parse.GetValue(_from) is not null)
        {
            throw new CliInputException("--since and --from say the same thing: give one");
        }

        var misplaced = (lookup
                ? new Option[] { _accounts, _table, _outputLocation, _workGroup, _trailBucket, _printQuery, _timeout }
                : [_function, _role, _eventSource])
            .FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (misplaced is not null)
        {
            throw new CliInputException($"{misplaced.Name} does not apply to --{(lookup ? "lookup" : "athena")}");
        }

        var from = SinceParser.Parse(since ?? parse.GetValue(_from), clock);
        var to = SinceParser.Parse(parse.GetValue(_to), clock);
        var regions = List(parse.GetValue(_regions));
        if (lookup)
        {
            return new LookupIntake(from, to, parse.GetValue(_function), parse.GetValue(_role), parse.GetValue(_eventSource), regions, clock);
        }

        if (parse.GetValue(_table) is not { Length: > 0 } table)
        {
            throw new CliInputException("--athena needs --table DATABASE.TABLE (create one with --athena-create-table --trail-bucket s3://…/AWSLogs/)");
        }

        if (parse.GetValue(_createTable) && parse.GetValue(_trailBucket) is null)
        {
            throw new CliInputException("--athena-create-table needs --trail-bucket s3://bucket/AWSLogs/");
        }

        return new AthenaIntake(
            table,
            parse.GetValue(_outputLocation),
            parse.GetValue(_workGroup),
            from,
            to,
            List(parse.GetValue(_accounts)),
            regions,
            parse.GetValue(_createTable) ? parse.GetValue(_trailBucket) : null,
            parse.GetValue(_printQuery),
            Timeout(parse.GetValue(_timeout)),
            clock);
    }

    /// <summary>Repeated values and comma-separated lists alike: --regions us-east-1,eu-west-1 or --regions us-east-1 eu-west-1.</summary>
    private static List<string> List(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();

    public static TimeSpan Timeout(string? text)
    {
        if (text is null)
        {
            return TimeSpan.FromMinutes(10);
        }

        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
            }
        }

        throw new CliInputException($"--timeout: '{Rendering.TextEscaping.PlainLine(text, 40)}' is not a duration such as 90s, 10m or 1h");
    }
}
