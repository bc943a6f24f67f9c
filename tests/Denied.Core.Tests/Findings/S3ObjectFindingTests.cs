using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;

namespace Denied.Core.Tests.Findings;

/// <summary>Object-level S3 denials of one role and action on one bucket are one finding whose fix grants their common prefix.</summary>
public sealed class S3ObjectFindingTests
{
    private static readonly Diagnoser Diagnoser = new(IamCatalog.Default);

    /// <summary>A same-account GetObject denial of <paramref name="key"/> (the fixture's bucket owner made the role's account).</summary>
    public static CloudTrailRecord GetObject(string key, int n, string bucket = "partner-exports-bucket") =>
        Fixture.Record("s3-getobject-plain-access-denied.json", r =>
        {
            r["eventID"] = $"c3d4e5f6-a7b8-4c9d-8e0f-{n:D12}";
            r["eventTime"] = $"2025-03-14T10:{n % 60:D2}:41Z";
            r["requestParameters"]!["bucketName"] = bucket;
            r["requestParameters"]!["key"] = key;
            r["resources"]![0]!["ARN"] = $"arn:aws:s3:::{bucket}/{key}";
            r["resources"]![1]!["ARN"] = $"arn:aws:s3:::{bucket}";
            r["resources"]![1]!["accountId"] = "111122223333";
        });

    private static FindingObservation Aggregate(params string[] keys)
    {
        var aggregator = new FindingAggregator();
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(aggregator.Add(Diagnoser.DiagnoseDeferringFix(GetObject(keys[i], i + 1)), $"m-{i}"));
        }

        return Assert.Single(aggregator.Observations());
    }

    /// <summary>The resources of the statement granting the denied action (the fix may add s3:ListBucket on the bucket beside it).</summary>
    private static IReadOnlyList<string> Granted(Diagnosis diagnosis) =>
        diagnosis.Fix!.Statements.Where(s => s.Statement.Actions.Contains("s3:GetObject")).SelectMany(s => s.Statement.Resources).Distinct().ToList();

    [Fact]
    public void FiveObjectsUnderOnePrefixAreOneFindingWhoseFixGrantsThePrefix()
    {
        var observation = Aggregate("invoices/2024/01.pdf", "invoices/2024/02.pdf", "invoices/2024/03.pdf", "invoices/2024/04.pdf", "invoices/2024/05.pdf");

        var latest = FindingAggregator.LatestWithFix(observation);

        Assert.Equal("arn:aws:s3:::partner-exports-bucket/*", observation.Key.Resource);
        Assert.Equal(5, observation.Objects!.Count);
        Assert.Equal(5, observation.Objects.Samples.Count);
        Assert.Equal("arn:aws:s3:::partner-exports-bucket/invoices/2024/05.pdf", latest.Resource);
        Assert.Equal(["arn:aws:s3:::partner-exports-bucket/invoices/2024/*"], Granted(latest));
        Assert.Contains(latest.Fix!.Notes, n => n.Contains("every key under arn:aws:s3:::partner-exports-bucket/invoices/2024/", StringComparison.Ordinal));
        Assert.DoesNotContain(latest.Fix.Notes, n => n.Contains("Secrets Manager", StringComparison.Ordinal));
        var objects = FindingObjects.Of(observation.Objects)!;
        Assert.Equal(new FindingObjects("arn:aws:s3:::partner-exports-bucket/invoices/2024/", 5, true, objects.Samples), objects);
        Assert.Equal("arn:aws:s3:::partner-exports-bucket/invoices/2024/01.pdf", objects.Samples[0]);
        Assert.Equal("5 distinct objects under arn:aws:s3:::partner-exports-bucket/invoices/2024/", objects.Summary());
    }

    [Fact]
    public void OneObjectIsGrantedExactly()
    {
        var latest = FindingAggregator.LatestWithFix(Aggregate("daily/2025-03-13.csv", "daily/2025-03-13.csv"));

        Assert.Equal(["arn:aws:s3:::partner-exports-bucket/daily/2025-03-13.csv"], Granted(latest));
    }

    [Fact]
    public void HostileKeysAreGrantedLiterallyUnderTheirPrefix()
    {
        var latest = FindingAggregator.LatestWithFix(Aggregate("up*/a?", "up*/b"));

        Assert.Equal(["arn:aws:s3:::partner-exports-bucket/up${*}/*"], Granted(latest));
    }

    [Fact]
    public void ObjectsOfAnotherBucketAreAnotherFinding()
    {
        var aggregator = new FindingAggregator();
        aggregator.Add(Diagnoser.DiagnoseDeferringFix(GetObject("a/1", 1)), "m-1");
        aggregator.Add(Diagnoser.DiagnoseDeferringFix(GetObject("a/1", 2, bucket: "other-bucket")), "m-2");

        Assert.Equal(2, aggregator.FindingCount);
    }
}
