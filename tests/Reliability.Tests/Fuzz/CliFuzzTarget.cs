using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Denied.Cli;

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

    public void Explain(FuzzInput input)
    {
        var format = Formats[_runs++ % Formats.Length];
        var file = Path.Combine(workFolder, "explain-input.json");
        File.WriteAllBytes(file, input.Bytes);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code;
        try
        {
            code = ExplainCommand.Run(file, format, null, stdout, stderr);
        }
        catch (Exception e)
        {
            tally.Violation("explain", input, "unhandled " + e.GetType().Name + ": " + e.Message);
            return;
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
    }

    /// <summary>One scan over a folder of inputs; every file ends counted as records or as named errors.</summary>
    public async Task ScanAsync(IReadOnlyList<FuzzInput> inputs)
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
            var path = Path.Combine(folder, $"input-{i:D4}.json" + (gzip ? ".gz" : ""));
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

        tally.Count("scan", "records-read", stats.GetProperty("records").GetInt64());
        tally.Count("scan", "denials", stats.GetProperty("denied").GetInt64());
        tally.Count("scan", "rejected-with-error", errorCount);
    }

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

    /// <summary>Any C0/C1 control other than newline and tab, or a bidi override: what a terminal would act on.</summary>
    public static bool HasControl(string text) =>
        text.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

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
