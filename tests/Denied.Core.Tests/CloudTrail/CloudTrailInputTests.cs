using System.IO.Compression;
using System.Text;
using Denied.CloudTrail;

namespace Denied.Core.Tests.CloudTrail;

public sealed class CloudTrailInputTests
{
    private const string Denied = """{"eventVersion":"1.09","eventID":"e-1","eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied","errorMessage":"Access Denied"}""";
    private const string Success = """{"eventVersion":"1.09","eventID":"e-2","eventSource":"s3.amazonaws.com","eventName":"PutObject"}""";

    private static List<InputItem> Read(string text, bool skip = false, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var z = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(bytes);
            }

            bytes = buffer.ToArray();
        }

        return CloudTrailInput.ReadStream(new MemoryStream(bytes), "input.json", gzip, skip).ToList();
    }

    [Theory]
    [InlineData("log file", "{\"Records\":[" + Denied + "," + Success + "]}")]
    [InlineData("array", "[" + Denied + "," + Success + "]")]
    [InlineData("json lines", Denied + "\n" + Success + "\n")]
    [InlineData("records not first", "{\"x\":1,\"Records\":[" + Denied + "," + Success + "]}")]
    public void EveryContainerShapeYieldsItsRecordsInOrder(string shape, string text)
    {
        var items = Read(text);

        Assert.True(items.All(i => i.Error is null), shape);
        Assert.Equal(["e-1", "e-2"], items.Select(i => i.Record!.EventId));
        Assert.Equal(["input.json record 1", "input.json record 2"], items.Select(i => i.Location));
    }

    [Fact]
    public void AnEventBridgeEnvelopeYieldsItsDetail()
    {
        var items = Read("""{"version":"0","id":"x","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","detail":""" + Denied + "}");

        Assert.Equal("e-1", Assert.Single(items).Record!.EventId);
    }

    [Fact]
    public void RecordsWithoutErrorFieldsAreSkippedUnparsedWhenAsked()
    {
        var items = Read("{\"Records\":[" + Denied + "," + Success + "]}", skip: true);

        Assert.NotNull(items[0].Record);
        Assert.True(items[1].SkippedAsNotDenied);
    }

    [Fact]
    public void RecordsLargerThanTheReadBufferAreReassembled()
    {
        var big = new string('a', 300_000);
        var record = Denied.Replace("\"Access Denied\"", $"\"{big}\"", StringComparison.Ordinal);
        var items = Read("{\"Records\":[" + record + "," + record + "," + Success + "]}", gzip: true);

        Assert.Equal(3, items.Count);
        Assert.Equal(300_000, items[0].Record!.ErrorMessage!.Length);
        Assert.All(items, i => Assert.Null(i.Error));
    }

    [Fact]
    public void AnUnknownShapeIsAnErrorNamingTheRecordAndReadingGoesOn()
    {
        var items = Read("[" + Denied + ",{\"hello\":\"world\"}," + Success + "]");

        Assert.Equal(3, items.Count);
        Assert.Equal("input.json record 2", items[1].Location);
        Assert.Contains("unknown shape", items[1].Error, StringComparison.Ordinal);
        Assert.Equal("e-2", items[2].Record!.EventId);
    }

    [Fact]
    public void AWrongFieldTypeRejectsOnlyThatRecord()
    {
        var items = Read("[" + Denied.Replace("\"AccessDenied\"", "42", StringComparison.Ordinal) + "," + Success + "]");

        Assert.Contains("errorCode", items[0].Error, StringComparison.Ordinal);
        Assert.Equal("e-2", items[1].Record!.EventId);
    }

    [Theory]
    [InlineData("truncated", "{\"Records\":[" + Denied + ",{\"eventID\":\"e-2\",")]
    [InlineData("not json", "this is not json")]
    [InlineData("garbage after", "{\"Records\":[" + Denied + "]} trailing")]
    [InlineData("a bracket closing the other kind", "{\"Records\":[" + Denied + ",{\"eventID\":\"e-2\",\"r\":[}]}")]
    [InlineData("an unterminated string", "{\"Records\":[" + Denied + ",{\"eventID\":\"e-2}]}")]
    [InlineData("a record nested past 64 levels", "{\"Records\":[" + Denied + ",{\"a\":" + Deep + "}]}")]
    public void BrokenJsonEndsTheFileWithOneErrorAfterTheGoodRecords(string why, string text)
    {
        var items = Read(text);

        Assert.Single(items, i => i.Error is not null);
        Assert.NotNull(items[^1].Error);
        Assert.True(items.Count(i => i.Record is not null) <= 1, why);
    }

    private const string Deep = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";

    [Theory]
    [InlineData("a missing comma", "{\"eventID\":\"e-2\" \"errorCode\":\"AccessDenied\"}")]
    [InlineData("a stray character", "{\"eventID\":\"e-2\",\"errorCode\":\"AccessDenied\"x}")]
    public void ARecordWhoseBracketsBalanceButWhoseJsonIsBrokenIsOneUnreadableRecordAndReadingGoesOn(string why, string record)
    {
        var items = Read("{\"Records\":[" + Denied + "," + record + "," + Denied + "]}");

        Assert.Equal(3, items.Count);
        Assert.NotNull(items[0].Record);
        Assert.NotNull(items[1].Error);
        Assert.EndsWith("record 2", items[1].Location, StringComparison.Ordinal);
        Assert.True(items[2].Record is not null, why);
    }

    [Fact]
    public void ATruncatedGzipIsReportedAfterTheRecordsBeforeIt()
    {
        var full = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Enumerable.Repeat(Denied, 2000)) + "]}");
        using var buffer = new MemoryStream();
        using (var z = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(full);
        }

        var cut = buffer.ToArray()[..(int)(buffer.Length / 2)];
        var items = CloudTrailInput.ReadStream(new MemoryStream(cut), "cut.json.gz", gzip: true, skipNonDenials: false).ToList();

        Assert.NotNull(items[^1].Error);
        Assert.Contains("cut.json.gz", items[^1].Location, StringComparison.Ordinal);
        Assert.True(items.Count(i => i.Record is not null) > 0);
    }

    [Fact]
    public void AFolderIsWalkedForJsonAndGzipFilesInAStableOrder()
    {
        var root = Directory.CreateTempSubdirectory("denied-input-");
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "AWSLogs", "1", "CloudTrail", "us-east-1"));
            File.WriteAllText(Path.Combine(nested.FullName, "b.json"), "[]");
            File.WriteAllBytes(Path.Combine(nested.FullName, "a.json.gz"), Gzip("[]"));
            File.WriteAllText(Path.Combine(nested.FullName, "notes.txt"), "");

            var files = CloudTrailInput.EnumerateFiles(root.FullName).Select(Path.GetFileName).ToList();

            Assert.Equal(["a.json.gz", "b.json"], files);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void ANullEntryInResourcesIsDroppedSoDiagnosisCannotTripOnIt()
    {
        var record = Read("""{"eventID":"e-3","eventSource":"lambda.amazonaws.com","eventName":"Invoke","errorCode":"AccessDeniedException","resources":[null,{"type":"AWS::Lambda::Function","ARN":"arn:aws:lambda:us-east-1:1:function:f"}]}""")
            .Single().Record!;

        var diagnosis = new global::Denied.Diagnostics.Diagnoser(global::Denied.Iam.IamCatalog.Default).Diagnose(record);

        Assert.Single(record.Resources!);
        Assert.True(diagnosis.Denied);
    }

    // Found by scripts/fuzz.sh (seed 20261120): a .gz cut inside its first block decompressed to nothing, quietly.
    [Theory]
    [InlineData("{\"e", 11)]
    [InlineData("{\"Records\":[]}", 12)]
    [InlineData("{\"Records\":[" + Denied + "]}", -8)]
    public void ACutGzipFileIsAnErrorEvenWhenNothingWasDecompressed(string text, int keep)
    {
        var gz = Gzip(text);
        var cut = keep > 0 ? gz[..keep] : gz[..^-keep];

        var items = CloudTrailInput.ReadStream(new MemoryStream(cut), "input.json.gz", gzip: true, skipNonDenials: false).ToList();

        Assert.Contains(items, i => i.Error is { } e && e.Contains("truncated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Records\":[]}")]
    [InlineData("{\"Records\":[" + Denied + "]}")]
    public void ACompleteGzipFileHasNoError(string text)
    {
        var items = CloudTrailInput.ReadStream(new MemoryStream(Gzip(text)), "input.json.gz", gzip: true, skipNonDenials: false).ToList();

        Assert.All(items, i => Assert.Null(i.Error));
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var z = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
