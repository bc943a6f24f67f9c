using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>`denied scan s3://bucket/AWSLogs/ --endpoint-url` reads a CloudTrail archive in S3 (moto) as it reads a local folder.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class S3ScanTests(MotoServer moto)
{
    private const string Bucket = "acme-cloudtrail-archive";

    [Fact]
    public async Task ScanOfAnS3PrefixGivesTheSameFindingsAsTheLocalScan()
    {
        await UploadSamplesAsync();
        var aws = new AwsOptions(MotoServer.Region, null, moto.EndpointUrl);

        var fromS3 = await Run.ScanAsync($"s3://{Bucket}/AWSLogs/", OutputFormat.Json, aws: aws);
        var local = await Run.ScanAsync(Run.SampleLogs);

        Assert.Equal(ExitCodes.DenialsFound, fromS3.ExitCode);
        Assert.Equal(Findings(local.StdOut), Findings(fromS3.StdOut));
    }

    [Fact]
    public async Task ScanOfAMissingBucketIsAnAwsError()
    {
        await moto.ResetAsync();

        var result = await Run.ScanAsync("s3://no-such-bucket/AWSLogs/", aws: new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains("S3", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyPrefixHasNoCloudTrailLogFilesAndExitsThree()
    {
        await UploadSamplesAsync();

        var result = await Run.ScanAsync($"s3://{Bucket}/AWSLogs/999999999999/", aws: new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Equal($"denied: no CloudTrail log files under s3://{Bucket}/AWSLogs/999999999999/", result.StdErr.Trim());
    }

    [Fact]
    public async Task KeysWithControlCharactersAreListedUrlEncodedAndRead()
    {
        await moto.ResetAsync();
        using var s3 = Client();
        await s3.PutBucketAsync(Bucket);
        var log = Directory.EnumerateFiles(Path.Combine(Run.SampleLogs, "111122223333", "CloudTrail", "us-east-1"), "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        // XML 1.0 cannot carry U+0001: without encoding-type=url the listing does not parse. Space and plus must stay apart.
        const string Key = "AWSLogs/odd name+plus%41/log.json.gz";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = Key, FilePath = log });

        var result = await Run.ScanAsync($"s3://{Bucket}/AWSLogs/", aws: new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));
        var local = await Run.ScanAsync(log);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Equal(Findings(local.StdOut), Findings(result.StdOut));
        using var doc = System.Text.Json.JsonDocument.Parse(result.StdOut);
        Assert.Equal(1, doc.RootElement.GetProperty("stats").GetProperty("files").GetInt32());
    }

    [Theory]
    [InlineData("a+b.txt", "a b.txt")]
    [InlineData("a%2Bb.txt", "a+b.txt")]
    [InlineData("100%25.csv", "100%.csv")]
    [InlineData("%ED%95%9C%EA%B8%80/x.txt", "한글/x.txt")]
    [InlineData("odd%01name", "oddname")]
    public void UrlEncodedKeysDecodeAsS3EncodesThem(string listed, string key) => Assert.Equal(key, S3Listing.DecodeKey(listed));

    private AmazonS3Client Client() => new(new BasicAWSCredentials("testing", "testing"),
        new AmazonS3Config { ServiceURL = moto.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = MotoServer.Region });

    private async Task UploadSamplesAsync()
    {
        await moto.ResetAsync();
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"),
            new AmazonS3Config { ServiceURL = moto.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = MotoServer.Region });
        await s3.PutBucketAsync(Bucket);
        foreach (var file in Directory.EnumerateFiles(Run.SampleLogs, "*.json.gz", SearchOption.AllDirectories))
        {
            var key = "AWSLogs/" + Path.GetRelativePath(Run.SampleLogs, file).Replace('\\', '/');
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = file });
        }

        // Not a log: the digest folder and other objects are skipped by suffix.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "AWSLogs/111122223333/CloudTrail-Digest/readme.txt", ContentBody = "not a log" });
    }

    /// <summary>Each finding's id, count and sample ids (locations differ: s3:// names against paths).</summary>
    private static List<string> Findings(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("findingId").GetString()} {f.GetProperty("count").GetInt64()} {f.GetProperty("sampleEventIds").GetRawText()}")
            .ToList();
    }
}
