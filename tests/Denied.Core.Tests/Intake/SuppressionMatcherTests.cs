using Denied.Diagnostics;
using Denied.Findings;
using Denied.Intake;

namespace Denied.Core.Tests.Intake;

public sealed class SuppressionMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    private static FindingKey Key() =>
        new("123456789012", "us-east-1", "arn:aws:iam::123456789012:role/service/orders-fn-role", "s3:ListBucket", "arn:aws:s3:::orders-bucket", DenialLayer.IdentityPolicy);

    [Theory]
    [InlineData("*", "anything", false, true)]
    [InlineData("health-*", "health-check", false, true)]
    [InlineData("health-*", "Health-check", false, false)]
    [InlineData("s3:*", "S3:ListBucket", true, true)]
    [InlineData("s3:Get*", "s3:ListBucket", true, false)]
    [InlineData("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-1", false, true)]
    [InlineData("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-10", false, false)]
    [InlineData("*a*b*c", "xxaxxbxxc", false, true)]
    [InlineData("*a*b*c", "xxaxxcxxb", false, false)]
    [InlineData("", "", false, true)]
    [InlineData("", "x", false, false)]
    public void GlobMatchesWildcards(string pattern, string text, bool ignoreCase, bool expected) =>
        Assert.Equal(expected, SuppressionMatcher.Glob(pattern, text, ignoreCase));

    [Fact]
    public void GlobOnHostilePatternStaysFast()
    {
        var text = new string('a', 10_000);
        var pattern = string.Concat(Enumerable.Repeat("*a", 50)) + "b";

        Assert.False(SuppressionMatcher.Glob(pattern, text, ignoreCase: false));
    }

    [Theory]
    [InlineData("orders-*", null, null, null, "orders-fn", true)]
    [InlineData("orders-*", null, null, null, null, false)]
    [InlineData(null, "*:role/service/*", "S3:LIST*", null, null, true)]
    [InlineData(null, null, "s3:ListBucket", "arn:aws:s3:::other", "orders-fn", false)]
    [InlineData(null, null, null, null, "orders-fn", false)]
    public void RuleMatchesWhenEveryPatternItHasMatches(string? function, string? role, string? action, string? resource, string? functionName, bool expected)
    {
        var rule = new SuppressionRule("r", "why") { FunctionPattern = function, RolePattern = role, ActionPattern = action, ResourcePattern = resource };

        Assert.Equal(expected, SuppressionMatcher.Matches(rule, Key(), functionName, T0));
    }

    [Fact]
    public void ExpiredRuleNoLongerMatchesAndFirstMatchKeepsOrder()
    {
        var expired = new SuppressionRule("old", "was") { ActionPattern = "*", ExpiresAt = T0 };
        var live = new SuppressionRule("live", "is") { ActionPattern = "s3:*" };
        var later = new SuppressionRule("later", "also") { ActionPattern = "*" };

        Assert.Same(live, SuppressionMatcher.FirstMatch([expired, live, later], Key(), null, T0));
        Assert.False(SuppressionMatcher.Matches(expired, Key(), null, T0.AddSeconds(-1).AddSeconds(2)));
    }
}
