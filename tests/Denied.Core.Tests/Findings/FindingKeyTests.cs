using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Core.Tests.Findings;

public sealed class FindingKeyTests
{
    private static Diagnosis Denial(FunctionRef? function, string? action = "s3:GetObject", string? resource = "arn:aws:s3:::b/k",
        DenialLayer layer = DenialLayer.IdentityPolicy, string eventId = "e-1", string time = "2026-11-20T10:00:00Z") => new()
    {
        EventId = eventId,
        EventTime = time,
        Account = "111122223333",
        Region = "us-east-1",
        Denied = true,
        Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, "arn:aws:sts::111122223333:assumed-role/r/fn", "arn:aws:iam::111122223333:role/svc/r", "fn"),
        Function = function,
        Action = action,
        Resource = resource,
        Layer = layer,
    };

    [Fact]
    public void TheIdIsStableAcrossVersionsBecauseStoredFindingsAreKeyedByIt()
    {
        var key = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/svc/r", "s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.IdentityPolicy);

        Assert.Equal(32, key.Id.Length);
        Assert.Equal(key.Id, (key with { }).Id);
        Assert.NotEqual(key.Id, (key with { Layer = DenialLayer.ResourcePolicy }).Id);
    }

    [Fact]
    public void TheIdIsTheSha256OfTheSixPartsWhetherOrNotItWasReadBefore()
    {
        var key = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/svc/r", "s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.IdentityPolicy);
        var text = string.Join('\n', key.Account, key.Region, key.RoleArn, key.Action, key.Resource, Codes.Of(key.Layer));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

        Assert.Equal(expected, key.Id);
        Assert.Equal(expected, key.Id);
    }

    [Fact]
    public void AKeyCopiedWithAChangedPartAfterItsIdWasReadHasTheIdOfItsOwnParts()
    {
        var key = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/svc/r", "s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.IdentityPolicy);
        var before = key.Id;

        var changed = key with { Resource = "arn:aws:s3:::b/other" };
        var fresh = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/svc/r", "s3:GetObject", "arn:aws:s3:::b/other", DenialLayer.IdentityPolicy);

        Assert.Equal(fresh.Id, changed.Id);
        Assert.NotEqual(before, changed.Id);
        Assert.Equal(before, key.Id);
    }

    [Fact]
    public void AKeyWhoseIdWasReadEqualsAndHashesLikeOneWhoseIdWasNot()
    {
        FindingKey Make() => new("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/svc/r", "s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.IdentityPolicy);
        var read = Make();
        _ = read.Id;
        var unread = Make();

        Assert.Equal(unread, read);
        Assert.Equal(read, unread);
        Assert.Equal(unread.GetHashCode(), read.GetHashCode());
        Assert.Equal(read, read with { });
        Assert.NotEqual(read, read with { Layer = DenialLayer.ResourcePolicy });
        Assert.Single(new HashSet<FindingKey> { read, unread });
    }

    [Fact]
    public void ADenialWithoutAFunctionIsNoFinding() =>
        Assert.Null(FindingKey.For(Denial(function: null)));

    [Fact]
    public void ANonDenialIsNoFinding() =>
        Assert.Null(FindingKey.For(Denial(new FunctionRef("fn", "arn:aws:iam::111122223333:role/svc/r")) with { Denied = false }));

    [Fact]
    public void TheExecutionRoleWithItsPathKeysTheFinding() =>
        Assert.Equal("arn:aws:iam::111122223333:role/svc/r", FindingKey.For(Denial(new FunctionRef("fn", "arn:aws:iam::111122223333:role/svc/r")))!.RoleArn);

    [Theory]
    [InlineData("thumbnailer", "arn:aws:lambda:us-east-1:111122223333:function:thumbnailer")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:x", "arn:aws:lambda:us-east-1:111122223333:function:x")]
    public void AFunctionWhoseRoleIsUnknownIsKeyedByItsArn(string name, string expected) =>
        Assert.Equal(expected, FindingKey.For(Denial(new FunctionRef(name, null)))!.RoleArn);

    [Fact]
    public void TheAggregatorCountsAnEventIdOnceAndKeepsTheLatestDiagnosis()
    {
        var fn = new FunctionRef("fn", "arn:aws:iam::111122223333:role/svc/r");
        var aggregator = new FindingAggregator();
        aggregator.Add(Denial(fn, eventId: "e-1", time: "2026-11-20T10:00:00Z"), "m-1");
        aggregator.Add(Denial(fn, eventId: "e-1", time: "2026-11-20T10:00:00Z"), "m-2");
        aggregator.Add(Denial(fn, eventId: "e-2", time: "2026-11-20T11:00:00Z"), "m-3");
        aggregator.Add(Denial(fn, eventId: "e-3", time: "2026-11-20T09:00:00Z", resource: "arn:aws:s3:::other-bucket/k"), "m-4");

        var observations = aggregator.Observations();

        Assert.Equal(2, observations.Count);
        var first = observations[0];
        Assert.Equal(["e-1", "e-2"], first.Events.Select(e => e.EventId));
        Assert.Equal("e-2", first.Latest.EventId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), first.LastSeen);
    }
}
