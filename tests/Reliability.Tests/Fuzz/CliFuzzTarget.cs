using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Denied.Cli;
using Denied.CloudTrail;

namespace Reliability.Tests.Fuzz;

/// <summary>
/// Drives `denied explain` (one input per run, text, markdown and JSON in turn) and `denied scan` (a folder of
/// inputs per run, some gzipped) through their public entry points, and checks each run's contract: an exit code
/// the docs list, every rejected input named on standard error, valid JSON when JSON was asked for, and no control
/// character on either stream.
/// </summary>
public sealed class CliFuzzTarget(string workFolder, FuzzTally tally)
{
    private static readonly OutputFormat[] Formats = [OutputFormat.Table, OutputFormat.Markdown, OutputFormat.Json];
    private int _runs;

    /// <summary>What explain made of one input: <see cref="Rejected"/> with a named error, or an input that holds no record.</summary>
    public enum ExplainOutcome
    {
        Diagnosed,
        Rejected,
        HoldsNoRecord,
        Broken,
    }

    public ExplainOutcome Explain(FuzzInput input)
    {
        var format = Formats[_runs++ % Formats.Length];
        var file = Path.Combine(workFolder, "explain-input.json");
        File.WriteAllBytes(file, input.Bytes);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code;
        try
        {
            // --all: every record is rendered, denial or not, so every renderer meets the fuzzed fields.
            code = ExplainCommand.Run(file, format, null, stdout, stderr, all: true);
        }
        catch (Exception e)
        {
            tally.Violation("explain", input, "unhandled " + e.GetType().Name + ": " + e.Message);
            return ExplainOutcome.Broken;
        }

        var errors = Lines(stderr);
        if (code is not (ExitCodes.Clean or ExitCodes.DenialsFound or ExitCodes.InputErrors))
        {
            tally.Violation("explain", input, $"exit code {code}");
        }
        else if (code == ExitCodes.InputErrors && (errors.Count == 0 || errors.Any(l => !l.StartsWith("denied: " + file, StringComparison.Ordinal))))
        {
            tally.Violation("explain", input, "an input error that does not name the input: " + string.Join(" | ", errors));
        }
        else if (code != ExitCodes.InputErrors && stdout.ToString().Length == 0)
        {
            tally.Violation("explain", input, "a diagnosis with no output");
        }
        else if (HasControl(stdout.ToString()) || HasControl(stderr.ToString()))
        {
            tally.Violation("explain", input, "a control character reached the terminal");
        }
        else if (format == OutputFormat.Json && !AllJson(stdout.ToString(), atLeastOne: code != ExitCodes.InputErrors))
        {
            tally.Violation("explain", input, "--output json is not valid JSON");
        }

        tally.Count("explain", code == ExitCodes.InputErrors ? "rejected-with-error" : "diagnosed");
        return code != ExitCodes.InputErrors ? ExplainOutcome.Diagnosed
            : errors is [var only] && only.EndsWith(" holds no CloudTrail record", StringComparison.Ordinal) ? ExplainOutcome.HoldsNoRecord
            : ExplainOutcome.Rejected;
    }

    /// <summary>
    /// One scan over a folder of inputs; every file ends counted: its records read (the total must equal what the
    /// reader yields file by file), or named in an error (exactly the files the reader finds an error in, and every
    /// input explain rejected), or, only when explain found it holds no record at all, read as an empty file.
    /// </summary>
    public async Task ScanAsync(IReadOnlyList<FuzzInput> inputs, IReadOnlyList<ExplainOutcome> explained)
    {
        var folder = Path.Combine(workFolder, "scan");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        for (var i = 0; i < inputs.Count; i++)
        {
            var gzip = i % 5 == 0;
            var path = InputPath(folder, i);
            var bytes = gzip ? Gzip(inputs[i].Bytes, cut: i % 10 == 0) : inputs[i].Bytes;
            File.WriteAllBytes(path, bytes);
        }

        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var batch = new FuzzInput([], $"scan of {inputs.Count} inputs starting with: {inputs[0].Description}");
        int code;
        try
        {
            var options = new ScanCommand.ScanOptions(folder, OutputFormat.Json, null, null, null, false, new AwsOptions(null, null, null));
            code = await ScanCommand.RunAsync(options, stdout, stderr, TimeProvider.System, CancellationToken.None);
        }
        catch (Exception e)
        {
            tally.Violation("scan", batch, "unhandled " + e.GetType().Name + ": " + e.Message);
            return;
        }

        using var json = TryParse(stdout.ToString());
        if (json is null || code is not (ExitCodes.Clean or ExitCodes.DenialsFound or ExitCodes.InputErrors))
        {
            tally.Violation("scan", batch, $"exit code {code} or JSON output not valid");
            return;
        }

        var stats = json.RootElement.GetProperty("stats");
        var errorCount = stats.GetProperty("errors").GetArrayLength();
        if (Lines(stderr).Count != errorCount || Lines(stderr).Any(l => !l.StartsWith("denied: " + folder, StringComparison.Ordinal)) || HasControl(stderr.ToString()))
        {
            tally.Violation("scan", batch, "errors on standard error do not match stats.errors, or do not name their file");
        }

        Account(folder, inputs, explained, stats, Lines(stderr), batch);
        tally.Count("scan", "records-read", stats.GetProperty("records").GetInt64());
        tally.Count("scan", "denials", stats.GetProperty("denied").GetInt64());
        tally.Count("scan", "rejected-with-error", errorCount);
    }

    private void Account(string folder, IReadOnlyList<FuzzInput> inputs, IReadOnlyList<ExplainOutcome> explained, JsonElement stats, List<string> errors, FuzzInput batch)
    {
        if (stats.GetProperty("files").GetInt64() != inputs.Count)
        {
            tally.Violation("scan", batch, $"stats.files {stats.GetProperty("files").GetInt64()} for {inputs.Count} files written");
        }

        var named = errors.Select(l => Regex.Match(l, @"input-\d{4}\.json(\.gz)?").Value).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        long expectedRecords = 0, expectedSkipped = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = Path.GetFileName(InputPath(folder, i));
            var items = CloudTrailInput.ReadFile(InputPath(folder, i), skipNonDenials: true).ToList();
            var records = items.Count(item => item.Error is null);
            var unreadable = items.Any(item => item.Error is not null);
            var skippedOnly = records > 0 && items.All(item => item.SkippedAsNotDenied);
            expectedRecords += records;
            expectedSkipped += items.Count(item => item.SkippedAsNotDenied);
            var plain = i % 10 != 0; // the same bytes explain read (every tenth file is a cut gzip)
            string? problem = unreadable != named.Contains(name) ? (unreadable ? "an unreadable input not named in an error" : "an error naming a readable input")
                // Scan's documented pre-filter counts a record with no denial error code as "skipped, surely not denied"
                // without parsing it, so explain's rejection of a malformed non-denial is not an error there.
                : plain && explained[i] == ExplainOutcome.Rejected && !named.Contains(name) && !skippedOnly ? "an input explain rejects is no named error in scan"
                : !named.Contains(name) && records == 0 && !(plain && explained[i] == ExplainOutcome.HoldsNoRecord) ? "a file that ends neither as records nor as an error"
                : null;
            if (problem is not null)
            {
                tally.Violation("scan", inputs[i], $"{problem}: {name} ({records} records, explain: {explained[i]})");
            }

            tally.Count("scan", named.Contains(name) ? "files-named-in-an-error"
                : skippedOnly && explained[i] == ExplainOutcome.Rejected ? "files-explain-rejects-skipped-as-not-denied"
                : records > 0 ? "files-read-with-records" : "files-empty-as-explain-says");
        }

        if (stats.GetProperty("records").GetInt64() != expectedRecords || stats.GetProperty("skippedNotDenied").GetInt64() != expectedSkipped)
        {
            tally.Violation("scan", batch, $"stats.records {stats.GetProperty("records").GetInt64()} (skippedNotDenied {stats.GetProperty("skippedNotDenied").GetInt64()}), but the files hold {expectedRecords} ({expectedSkipped} skipped)");
        }
    }

    private static string InputPath(string folder, int i) => Path.Combine(folder, $"input-{i:D4}.json" + (i % 5 == 0 ? ".gz" : ""));

    private static byte[] Gzip(byte[] bytes, bool cut)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        var all = buffer.ToArray();
        return cut ? all[..(all.Length / 2)] : all;
    }

    private static List<string> Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>
    /// Any character of UnicodeCategory Control (C0, C1, DEL), Format (bidi marks and overrides, zero-width, BOM) or
    /// Line/ParagraphSeparator other than newline and tab: what a terminal would act on or hide (<see cref="Injection.TextOracles"/>).
    /// </summary>
    public static bool HasControl(string text) => Injection.TextOracles.HasUnsafe(text);

    private static bool AllJson(string text, bool atLeastOne)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            var values = 0;
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.StartObject)
                {
                    values++;
                }
            }

            return values > 0 || !atLeastOne;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
