using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`denied scan` over local CloudTrail logs: findings and stats, and bad input reported by file and record without stopping.</summary>
public sealed class ScanTests
{
    private const string KmsRecord =
        """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/payments-worker-role/payments-worker","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/service/payments/payments-worker-role"}}},"eventTime":"2026-11-20T11:00:00Z","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"us-east-1","userAgent":"aws-sdk-java/2.28.16 exec-env/AWS_Lambda_java21","errorCode":"AccessDeniedException","errorMessage":"User: arn:aws:sts::111122223333:assumed-role/payments-worker-role/payments-worker is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13 because no resource-based policy allows the kms:Decrypt action","eventID":"EVENT_ID","recipientAccountId":"111122223333"}""";

    [Fact]
    public async Task SampleLogsGiveThirteenFindingsAndExitOne()
    {
        var result = await Run.ScanAsync(Run.SampleLogs);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        // The five invoices/2026/11/ objects of orders-api are one finding.
        Assert.Equal(13, findings.Count);
        Assert.Equal(27, findings.Sum(f => f.GetProperty("count").GetInt64()));

        // A service (S3) denied invoking a function is a finding of that function (the invoked function's resource policy said no), inventory or not.
        Assert.Contains(findings, f => f.GetProperty("action").GetString() == "lambda:InvokeFunction"
            && f.GetProperty("function").GetProperty("name").GetString() == "thumbnailer" && f.GetProperty("count").GetInt64() == 2);
        var top = findings[0];
        Assert.Equal("s3:GetObject", top.GetProperty("action").GetString());
        Assert.Equal(5, top.GetProperty("count").GetInt64());
        Assert.Equal(4, findings[1].GetProperty("count").GetInt64());

        var stats = doc.RootElement.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("files").GetInt32());
        Assert.Equal(191, stats.GetProperty("records").GetInt64());
        Assert.Equal(29, stats.GetProperty("denied").GetInt64());
        Assert.Equal(2, stats.GetProperty("ignoredOtherPrincipal").GetInt64());
        Assert.Equal(2, stats.GetProperty("notDenied").GetInt64());
        Assert.Empty(stats.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task FindingsAreOrderedMostFrequentFirst()
    {
        using var doc = JsonDocument.Parse((await Run.ScanAsync(Run.SampleLogs)).StdOut);
        var counts = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("count").GetInt64()).ToList();

        Assert.Equal(counts.OrderDescending(), counts);
    }

    [Theory]
    [InlineData(OutputFormat.Table)]
    [InlineData(OutputFormat.Markdown)]
    public async Task HumanOutputsSummariseTheScan(OutputFormat format)
    {
        var result = await Run.ScanAsync(Run.SampleLogs, format);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Contains("Scanned 3 files, 191 records: 29 access denials", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputIsReportedByFileAndRecordWhileTheGoodFileIsStillScanned()
    {
        using var folder = new TempFolder();
        var good = folder.Write("AWSLogs/a-good.json.gz", TempFolder.Gzip($"{{\"Records\":[{KmsRecord.Replace("EVENT_ID", "good-1", StringComparison.Ordinal)},{KmsRecord.Replace("EVENT_ID", "good-2", StringComparison.Ordinal)}]}}"));
        var full = TempFolder.Gzip($"{{\"Records\":[{KmsRecord.Replace("EVENT_ID", "lost-1", StringComparison.Ordinal)}]}}");
        var truncated = folder.Write("AWSLogs/b-truncated.json.gz", full[..(full.Length / 2)]);
        var notJson = folder.Write("AWSLogs/c-not-json.json", "this is not JSON at all");
        var unknown = folder.Write("AWSLogs/d-unknown-shape.json", $"{{\"Records\":[{KmsRecord.Replace("EVENT_ID", "good-3", StringComparison.Ordinal)},{{\"hello\":\"world\",\"errorCode\":\"AccessDenied\"}}]}}");

        var result = await Run.ScanAsync(folder.Path);

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        var errors = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The message blames the JSON rather than the gzip stream (GZipStream ends quietly at a cut); the file is named.
        Assert.Contains(errors, e => e.Contains(truncated, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(notJson, StringComparison.Ordinal) && e.Contains("JSON", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(unknown + " record 2", StringComparison.Ordinal) && e.Contains("unknown shape", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(good, StringComparison.Ordinal));

        using var doc = JsonDocument.Parse(result.StdOut);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(3, finding.GetProperty("count").GetInt64());
        Assert.Equal(3, doc.RootElement.GetProperty("stats").GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task MissingPathIsAUsageError()
    {
        var result = await Run.ScanAsync("/no/such/AWSLogs");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("/no/such/AWSLogs", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithoutDenialsExitsZero()
    {
        using var folder = new TempFolder();
        folder.Write("ok.json", """{"Records":[{"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"ok-1"}]}""");

        var result = await Run.ScanAsync(folder.Path);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Equal("", result.StdErr);
    }
}
