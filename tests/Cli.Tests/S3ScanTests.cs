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
