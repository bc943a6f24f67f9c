using System.Text.Json;
using Denied.Cli;

namespace Cli.Tests.Support;

/// <summary>Runs `denied scan` in process with a --lookup or --athena intake, and reads findings for comparison.</summary>
public static class RemoteScan
{
    public static async Task<Run.Result> ScanAsync(ScanIntake intake, AwsOptions aws, CancellationToken ct = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = new ScanCommand.ScanOptions("", OutputFormat.Json, null, null, null, Progress: false, aws, intake);
        var code = await ScanCommand.RunAsync(options, stdout, stderr, TimeProvider.System, ct);
        return new Run.Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Each finding's id, count and sample event ids: what must agree whichever way the records arrived.</summary>
    public static List<string> Findings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("findingId").GetString()} {f.GetProperty("count").GetInt64()} {f.GetProperty("sampleEventIds").GetRawText()}")
            .ToList();
    }

    /// <summary>The whole finding documents (diagnosis, fix, counts) minus what names the source.</summary>
    public static List<string> FindingDocuments(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetRawText()).ToList();
    }

    public static void UseDummyCredentials()
    {
        // The default credential chain reads these (as MotoServer sets them); the loopback server checks no signature.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
    }
}
