using System.CommandLine;
using System.Text.Json;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Intake;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>`denied scan PATH|s3://bucket/prefix|--lookup|--athena`: CloudTrail records to aggregated findings.</summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "a log file, a folder (nested AWSLogs/... is fine) or s3://bucket/prefix", Arity = ArgumentArity.ZeroOrOne };
        var output = CommonOptions.Output();
        var functions = CommonOptions.Functions();
        var since = new Option<string?>("--since") { Description = "only records at or after this time: ISO-8601 or an age such as 24h, 7d" };
        var toTable = new Option<string?>("--to-table") { Description = "also write the findings to this deployed findings table (backfill); its suppression rules apply" };
        var table = new Option<string?>("--table") { Description = "apply the suppression rules stored in this findings table" };
        var suppressions = new Option<FileInfo?>("--suppressions") { Description = "apply the suppression rules in this file (`denied suppressions list --output json`)" };
        var noProgress = new Option<bool>("--no-progress") { Description = "no progress on standard error" };
        var region = CommonOptions.Region();
        var profile = CommonOptions.Profile();
        var endpoint = CommonOptions.EndpointUrl();
        var command = new Command("scan", "Aggregate the Lambda access denials in CloudTrail logs into findings with their fixes.")
        {
            path, output, functions, since, toTable, table, suppressions, noProgress, region, profile, endpoint,
        };
        var intake = new IntakeOptions();
        intake.AddTo(command);
        var policies = new PolicyFileOptions();
        policies.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var aws = new AwsOptions(parse.GetValue(region), parse.GetValue(profile), parse.GetValue(endpoint));
            ScanIntake? remote;
            try
            {
                remote = intake.Read(parse, parse.GetValue(path), parse.GetValue(since), TimeProvider.System);
            }
            catch (CliInputException e)
            {
                Console.Error.WriteLine($"denied: {e.Message}");
                return ExitCodes.Usage;
            }

            var options = new ScanOptions(
                parse.GetValue(path) ?? "",
                CommonOptions.Parse(parse.GetValue(output)!),
                parse.GetValue(functions),
                parse.GetValue(since),
                parse.GetValue(toTable),
                !parse.GetValue(noProgress),
                aws,
                remote)
            {
                Table = parse.GetValue(table),
                Suppressions = parse.GetValue(suppressions),
                PolicyFiles = policies.Read(parse, aws),
            };
            return await RunAsync(options, Console.Out, Console.Error, TimeProvider.System, ct);
        });
        return command;
    }

    /// <param name="Intake">--lookup or --athena; null reads <paramref name="Path"/>.</param>
    public sealed record ScanOptions(
        string Path, OutputFormat Format, FileInfo? Functions, string? Since, string? ToTable, bool Progress, AwsOptions Aws, ScanIntake? Intake = null)
    {
        /// <summary>A findings table whose suppression rules apply (without writing to it); <see cref="ToTable"/>'s apply too.</summary>
        public string? Table { get; init; }

        /// <summary>A file of suppression rules, as `denied suppressions list --output json` prints them.</summary>
        public FileInfo? Suppressions { get; init; }

        /// <summary>Policy files each denial is evaluated against (--authorization-details and the rest).</summary>
        public PolicyFileOptions.Files PolicyFiles { get; init; } = PolicyFileOptions.Files.None;
    }

    public static async Task<int> RunAsync(ScanOptions options, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        LogScanner scanner;
        LivePolicyReads? live = null; // no client exists before its first read, so leaving it undisposed on a usage error leaks nothing
        try
        {
            if (options.Table is { } t && options.ToTable is { } to && t != to)
            {
                throw new CliInputException("--table and --to-table name different tables; the rules of the table written to apply, so give one");
            }

            var inventory = InventoryLoader.Load(options.Functions);
            var rules = await ScanSuppressions.LoadAsync(options.Suppressions, options.Table ?? options.ToTable, options.Aws, ct);
            var policies = options.PolicyFiles.Load();
            live = LivePolicyReads.Open(options.PolicyFiles);
            var intake = new DenialIntake(new Diagnoser(IamCatalog.Default, inventory, policies), rules, clock.GetUtcNow());
            scanner = new LogScanner(intake, SinceParser.Parse(options.Since, clock), keepEvents: options.ToTable is not null, keepLatestRecords: live is not null,
                keepTimeline: options.Format == OutputFormat.Html);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (RemoteIntakeException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.AwsError;
        }
        catch (Exception e) when (AwsFailure.IsAwsFailure(e))
        {
            stderr.WriteLine(AwsFailure.Describe(
                $"reading the suppression rules of DynamoDB table {TextEscaping.PlainLine(options.Table ?? options.ToTable ?? "", 300)}", options.Aws, e));
            return ExitCodes.AwsError;
        }

        using var liveReads = live;
        var listing = new ScanListing();
        var progress = new ScanProgress(stderr, options.Progress && ScanProgress.IsTerminal(stderr), listing);
        try
        {
            var source = options.Intake?.OpenAsync(options.Aws, stderr, ct)
                ?? LogSources.OpenAsync(options.Path, options.Aws, listing, ct, note: m => stderr.WriteLine($"denied: note: {TextEscaping.PlainLine(m)}"));
            await foreach (var (file, items) in source)
            {
                foreach (var item in items)
                {
                    scanner.Add(item);
                    if ((scanner.Stats.Records & 0x3FF) == 0)
                    {
                        progress.Report(scanner, file);
                    }
                }

                scanner.Stats.Files++;
                progress.Report(scanner, file);
            }
        }
        catch (CliInputException e)
        {
            progress.Done();
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (AwsFailure.IsAwsFailure(e))
        {
            progress.Done();
            stderr.WriteLine(AwsFailure.Describe($"S3 read of {TextEscaping.PlainLine(options.Path, 300)}", options.Aws, e));
            return ExitCodes.AwsError;
        }
        catch (RemoteIntakeException e)
        {
            progress.Done();
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.AwsError;
        }

        progress.Done();
        if (listing.Filter.Note() is { } skipped)
        {
            stderr.WriteLine($"denied: {skipped}");
        }

        // Policies are read after aggregation: once per finding's latest denial, each role and resource once per run.
        var results = scanner.Results(live is null || ct.IsCancellationRequested ? null : await live.EvaluateLatestAsync(scanner.Findings.Observations(), ct));
        foreach (var (location, message) in scanner.Stats.Errors)
        {
            stderr.WriteLine($"denied: {TextEscaping.PlainLine(location)}: {TextEscaping.PlainLine(message)}");
        }

        if (scanner.Stats.Records == 0 && options.Intake is null)
        {
            // An empty folder, an empty prefix or a tree of other files is a wrong path, not a clean scan.
            stderr.WriteLine(listing.Files == 0
                ? $"denied: no CloudTrail log files under {TextEscaping.PlainLine(options.Path, 300)}"
                : $"denied: no CloudTrail log files under {TextEscaping.PlainLine(options.Path, 300)}: {Plural.Of(listing.Files, "file")} read, none holds a CloudTrail record");
            return ExitCodes.InputErrors;
        }

        Write(results, scanner, options.Format, stdout);
        // After Ctrl-C the findings cover what was read; the table is left alone rather than written half-way.
        if (options.ToTable is { } table && !ct.IsCancellationRequested)
        {
            var backfill = await Backfill.WriteAsync(results, table, options.Aws, stderr, ct);
            if (backfill != ExitCodes.Clean)
            {
                return backfill;
            }
        }

        return scanner.Stats.Errors.Count > 0 ? ExitCodes.InputErrors
            : results.Count > 0 ? ExitCodes.DenialsFound
            : ExitCodes.Clean;
    }

    private static void Write(IReadOnlyList<ScanFinding> results, LogScanner scanner, OutputFormat format, TextWriter stdout)
    {
        var stats = scanner.Stats;
        var rows = results.Select(f => new FindingsTableRenderer.Row(f.Id, f.Count, f.Observation.LastSeen, null, f.Observation.Latest, f.Observation.FunctionNames, f.Observation.FirstSeen, f.Objects)).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(results, stats, stdout);
                break;
            case OutputFormat.Markdown:
                FindingsMarkdownRenderer.Render("Denied scan", Summary(stats), rows, stdout);
                break;
            case OutputFormat.Html:
                FindingsHtmlRenderer.Render(new FindingsHtmlRenderer.Report("Denied scan", Summary(stats), rows, scanner.Timeline.Points().ToList()), stdout);
                break;
            default:
                var width = TerminalWidth.Of(stdout);
                FindingsTableRenderer.Render(rows, stdout, width);
                foreach (var line in TextWrap.Lines(Summary(stats), width))
                {
                    stdout.WriteLine(line);
                }

                break;
        }
    }

    /// <summary>
    /// The JSON document, written to <paramref name="stdout"/> a few findings at a time: a scan with many findings
    /// never holds the whole document (and its UTF-16 copy) in memory at once.
    /// </summary>
    private static void WriteJson(IReadOnlyList<ScanFinding> results, ScanStats stats, TextWriter stdout)
    {
        const int flushBytes = 256 * 1024;
        var buffer = new MemoryStream();
        var decoder = System.Text.Encoding.UTF8.GetDecoder();
        var chars = new char[flushBytes];
        void Drain(bool last)
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            while (true)
            {
                decoder.Convert(bytes, chars, last, out var used, out var written, out var completed);
                stdout.Write(chars, 0, written);
                bytes = bytes[used..];
                if (completed)
                {
                    break;
                }
            }

            buffer.SetLength(0);
        }

        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", SchemaVersion.Current);
            w.WriteStartArray("findings");
            foreach (var f in results)
            {
                FindingJson.Write(w, f);
                if (w.BytesPending + buffer.Length >= flushBytes)
                {
                    w.Flush();
                    Drain(last: false);
                }
            }

            w.WriteEndArray();
            w.WritePropertyName("stats");
            FindingJson.WriteStats(w, stats);
            w.WriteEndObject();
        }

        Drain(last: true);
        stdout.WriteLine();
    }

    public static string Summary(ScanStats s) =>
        $"Scanned {Plural.Of(s.Files, "file")}, {Plural.Of(s.Records, "record")}: {Plural.Of(s.Denied, "access denial")}, "
        + $"{s.IgnoredOtherPrincipal:N0} of them by principals other than Lambda functions (counted, no finding)"
        + $"{ScanSuppressions.Summary(s)}, "
        + (s.OutsideWindow > 0 ? $"{Plural.Of(s.OutsideWindow, "record")} before --since left out, " : "")
        + $"{Plural.Of(s.Errors.Count, "unreadable input")}.";
}
