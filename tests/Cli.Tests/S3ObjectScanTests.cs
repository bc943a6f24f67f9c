using System.Text.Json;
using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`denied scan` makes the object denials of one role and action on one bucket one finding granting their common prefix.</summary>
public sealed class S3ObjectScanTests
{
    /// <summary>The sample GetObject denial (samples/events/s3-getobject-identity-implicit.json) for another key and eventID.</summary>
    private static string GetObject(string key, int n)
    {
        var record = JsonNode.Parse(File.ReadAllText(Run.Sample("s3-getobject-identity-implicit")))!["detail"]!.AsObject();
        var arn = "arn:aws:s3:::acme-orders-prod/" + key;
        record["eventID"] = $"8a119b9e-16bc-4732-8f7b-{n:D12}";
        record["eventTime"] = $"2026-11-20T10:{n:D2}:00Z";
        record["errorMessage"] = $"User: arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api is not authorized to perform: s3:GetObject on \"{arn}\" because no identity-based policy allows the s3:GetObject action";
        record["requestParameters"]!["key"] = key;
        record["resources"]![0]!["ARN"] = arn;
        return record.ToJsonString();
    }

    private static async Task<JsonElement> ScanOneFindingAsync(params string[] keys)
    {
        using var folder = new TempFolder();
        folder.Write("AWSLogs/objects.json.gz", TempFolder.Gzip($"{{\"Records\":[{string.Join(',', keys.Select((k, i) => GetObject(k, i + 1)))}]}}"));

        var result = await Run.ScanAsync(folder.Path);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        return Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray().ToList()).Clone();
    }

    private static List<string?> Granted(JsonElement finding) =>
        finding.GetProperty("fix").GetProperty("statements").EnumerateArray()
            .Select(s => s.GetProperty("statement"))
            .Where(s => s.GetProperty("Action").ToString().Contains("s3:GetObject", StringComparison.Ordinal))
            .SelectMany(s => s.GetProperty("Resource").ValueKind == JsonValueKind.Array ? s.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()) : [s.GetProperty("Resource").GetString()])
            .ToList();

    [Fact]
    public async Task FiveObjectsUnderOnePrefixAreOneFindingWhoseFixGrantsThePrefix()
    {
        var finding = await ScanOneFindingAsync(
            "invoices/2026/11/inv-1.pdf", "invoices/2026/11/inv-2.pdf", "invoices/2026/11/inv-3.pdf", "invoices/2026/11/inv-4.pdf", "invoices/2026/11/inv-5.pdf");

        Assert.Equal(5, finding.GetProperty("count").GetInt64());
        Assert.Equal(["arn:aws:s3:::acme-orders-prod/invoices/2026/11/*"], Granted(finding));
        var objects = finding.GetProperty("objects");
        Assert.Equal("arn:aws:s3:::acme-orders-prod/invoices/2026/11/", objects.GetProperty("scope").GetString());
        Assert.Equal(5, objects.GetProperty("count").GetInt64());
        Assert.True(objects.GetProperty("countIsExact").GetBoolean());
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-{i}.pdf"),
            objects.GetProperty("samples").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(finding.GetProperty("fix").GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.Contains("every key under arn:aws:s3:::acme-orders-prod/invoices/2026/11/", StringComparison.Ordinal));
        Assert.DoesNotContain(finding.GetProperty("fix").GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.Contains("Secrets Manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnObjectOutsideThePrefixWidensTheGrantNotTheFindingCount()
    {
        var finding = await ScanOneFindingAsync("invoices/2026/11/inv-1.pdf", "invoices/2026/11/inv-2.pdf", "invoices/2025/12/inv-9.pdf");

        Assert.Equal(["arn:aws:s3:::acme-orders-prod/invoices/*"], Granted(finding));
    }

    [Theory]
    [InlineData(OutputFormat.Markdown, "Objects: 2 distinct objects under `arn:aws:s3:::acme-orders-prod/invoices/2026/11/`; for example `arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1.pdf`")]
    [InlineData(OutputFormat.Table, "arn:aws:s3:::acme-orders-prod/invoices/2026/11/*")]
    [InlineData(OutputFormat.Html, "<dt>Objects</dt><dd>2 distinct objects under arn:aws:s3:::acme-orders-prod/invoices/2026/11/; for example <code>arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1.pdf</code>")]
    public async Task TheReportSaysHowManyObjectsTheFindingCoversAndNamesSome(OutputFormat format, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("AWSLogs/objects.json.gz", TempFolder.Gzip($"{{\"Records\":[{GetObject("invoices/2026/11/inv-1.pdf", 1)},{GetObject("invoices/2026/11/inv-2.pdf", 2)}]}}"));

        var result = await Run.ScanAsync(folder.Path, format);

        Assert.Contains(expected, result.StdOut, StringComparison.Ordinal);
    }
}
