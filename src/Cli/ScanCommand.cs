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
    }

    public static async Task<int> RunAsync(ScanOptions options, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        LogScanner scanner;
        try
        {
            if (options.Table is { } t && options.ToTable is { } to && t != to)
            {
                throw new CliInputException("--table and --to-table name different tables; the rules of the table written to apply, so give one");
            }

            var inventory = InventoryLoader.Load(options.Functions);
            var rules = await ScanSuppressions.LoadAsync(options.Suppressions, options.Table ?? options.ToTable, options.Aws, ct);
            var intake = new DenialIntake(new Diagnoser(IamCatalog.Default, inventory), rules, clock.GetUtcNow());
            scanner = new LogScanner(intake, SinceParser.Parse(options.Since, clock), keepEvents: options.ToTable is not null);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (FindingStoreException e)
        {
            stderr.WriteLine($"denied: reading the suppression rules failed: {TextEscaping.PlainLine(e.Message)}");
            return ExitCodes.AwsError;
        }

        var progress = new ScanProgress(stderr, options.Progress, interactive: !Console.IsErrorRedirected && stderr == Console.Error);
        try
        {
            var source = options.Intake?.OpenAsync(options.Aws, stderr, ct)
                ?? LogSources.OpenAsync(options.Path, options.Aws, ct, note: m => stderr.WriteLine($"denied: note: {TextEscaping.PlainLine(m)}"));
            await foreach (var (file, items) in source)
            {
                scanner.Stats.Files++;
                foreach (var item in items)
                {
                    scanner.Add(item);
                    if ((scanner.Stats.Records & 0x3FF) == 0)
                    {
                        progress.Report(scanner, file);
                    }
                }

                progress.Report(scanner, file);
            }
        }
        catch (CliInputException e)
        {
            progress.Done();
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            progress.Done();
            stderr.WriteLine($"denied: S3: {TextEscaping.PlainLine(e.Message)} ({e.ErrorCode})");
            return ExitCodes.AwsError;
        }
        catch (RemoteIntakeException e)
        {
            progress.Done();
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.AwsError;
        }

        progress.Done();
        var results = scanner.Results();
        foreach (var (location, message) in scanner.Stats.Errors)
        {
            stderr.WriteLine($"denied: {TextEscaping.PlainLine(location)}: {TextEscaping.PlainLine(message)}");
        }

        Write(results, scanner.Stats, options.Format, stdout);
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

    private static void Write(IReadOnlyList<ScanFinding> results, ScanStats stats, OutputFormat format, TextWriter stdout)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(results, stats, stdout);
                break;
            case OutputFormat.Markdown:
                stdout.WriteLine($"## Denied scan: {results.Count} findings");
                stdout.WriteLine();
                stdout.WriteLine(Summary(stats));
                stdout.WriteLine();
                foreach (var f in results)
                {
                    stdout.WriteLine($"**{f.Count} denials**, first {FindingJson.Iso(f.Observation.FirstSeen)}, last {FindingJson.Iso(f.Observation.LastSeen)}, finding `{f.Id}`");
                    stdout.WriteLine();
                    DiagnosisMarkdownRenderer.Render(f.Observation.Latest, stdout);
                }

                break;
            default:
                FindingsTableRenderer.Render(
                    results.Select(f => new FindingsTableRenderer.Row(f.Id, f.Count, f.Observation.LastSeen, null, f.Observation.Latest, f.Observation.FunctionNames)).ToList(),
                    stdout);
                stdout.WriteLine(Summary(stats));
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

    private static string Summary(ScanStats s) =>
        $"Scanned {s.Files} files, {s.Records:N0} records: {s.Denied:N0} access denials, {s.IgnoredOtherPrincipal:N0} of them by principals other than Lambda functions (counted, no finding){ScanSuppressions.Summary(s)}, {s.Errors.Count} unreadable inputs.";
}
