using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using Denied.Store.Tests.Support;

namespace Denied.Store.Tests;

public sealed class FindingItemMapperTests
{
    [Fact]
    public void FindingRoundTripsThroughItsItem()
    {
        var key = Some.Key();
        var finding = new Finding
        {
            Id = key.Id,
            Key = key,
            Status = FindingStatus.Muted,
            Count = 42,
            FirstSeen = Some.T0,
            LastSeen = Some.T0.AddMilliseconds(1500),
            FunctionNames = ["b-fn", "a-fn"],
            SampleEventIds = ["e2", "e1"],
            Diagnosis = Some.Diagnosis(key),
            MuteReason = "noise <@here>",
            MutedUntil = Some.T0.AddDays(1),
            ReopenCount = 2,
        };

        var item = FindingItemMapper.ToItem(finding);
        var back = FindingItemMapper.FromItem(item);

        Assert.Equal("F#" + key.Id, item["pk"].S);
        Assert.Equal("FINDING", item["sk"].S);
        Assert.Equal("b-fn", item["functionName"].S);
        Assert.Equal("2026-11-23T18:00:01.500Z", item["lastSeen"].S);
        // Records compare lists by reference and FindingKey caches its Id: compare field by field.
        Assert.Equal(finding.Key.Id, back.Key.Id);
        Assert.Equal((finding.Status, finding.Count, finding.FirstSeen, finding.LastSeen, finding.MuteReason, finding.MutedUntil, finding.ResolvedAt, finding.ReopenCount),
            (back.Status, back.Count, back.FirstSeen, back.LastSeen, back.MuteReason, back.MutedUntil, back.ResolvedAt, back.ReopenCount));
        Assert.Equal(finding.FunctionNames, back.FunctionNames);
        Assert.Equal(finding.SampleEventIds, back.SampleEventIds);
        Assert.Equal(finding.Diagnosis.ErrorMessage, back.Diagnosis.ErrorMessage);
        Assert.Equal(finding.Diagnosis.Function, back.Diagnosis.Function);
    }

    [Theory]
    [InlineData("s3:ListBucket", "s3")]
    [InlineData("KMS:Decrypt", "kms")]
    [InlineData("unknown-action", "unknown-action")]
    public void ServiceIsTheActionPrefix(string action, string service) =>
        Assert.Equal(service, FindingItemMapper.ServiceOf(action));

    [Fact]
    public void ItemMissingARequiredAttributeNamesIt()
    {
        var item = FindingItemMapper.ToItem(new Finding
        {
            Id = Some.Key().Id, Key = Some.Key(), Status = FindingStatus.Open, Count = 1,
            FirstSeen = Some.T0, LastSeen = Some.T0, Diagnosis = Some.Diagnosis(Some.Key()),
        });
        item.Remove("roleArn");

        var e = Assert.Throws<FormatException>(() => FindingItemMapper.FromItem(item));
        Assert.Contains("roleArn", e.Message, StringComparison.Ordinal);
    }
}
