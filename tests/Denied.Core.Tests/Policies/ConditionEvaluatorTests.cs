using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>One row per operator behaviour: operator, key, policy values ("|"-separated), request values ("|"-separated; "-" absent, "?" unknown), expected.</summary>
public sealed class ConditionEvaluatorTests
{
    [Theory]
    // String family: case-sensitive equality, ignore-case variants, wildcards only in Like.
    [InlineData("StringEquals", "aws:username", "alice", "alice", Truth.True)]
    [InlineData("StringEquals", "aws:username", "alice", "Alice", Truth.False)]
    [InlineData("StringEquals", "aws:username", "al*", "alice", Truth.False)]
    [InlineData("StringEquals", "aws:username", "bob|alice", "alice", Truth.True)]
    [InlineData("StringNotEquals", "aws:username", "alice", "bob", Truth.True)]
    [InlineData("StringNotEquals", "aws:username", "alice", "alice", Truth.False)]
    [InlineData("StringEqualsIgnoreCase", "aws:username", "ALICE", "alice", Truth.True)]
    [InlineData("StringNotEqualsIgnoreCase", "aws:username", "ALICE", "alice", Truth.False)]
    [InlineData("StringLike", "s3:prefix", "home/*/", "home/alice/", Truth.True)]
    [InlineData("StringLike", "s3:prefix", "home/?lice/", "home/alice/", Truth.True)]
    [InlineData("StringLike", "s3:prefix", "HOME/*", "home/alice/", Truth.False)]
    [InlineData("StringNotLike", "s3:prefix", "home/*", "tmp/x", Truth.True)]
    // Numeric, date, bool, binary.
    [InlineData("NumericLessThan", "s3:max-keys", "10", "9", Truth.True)]
    [InlineData("NumericLessThan", "s3:max-keys", "10", "10", Truth.False)]
    [InlineData("NumericLessThanEquals", "s3:max-keys", "10", "10", Truth.True)]
    [InlineData("NumericGreaterThan", "s3:max-keys", "10", "10.5", Truth.True)]
    [InlineData("NumericGreaterThanEquals", "s3:max-keys", "10", "9", Truth.False)]
    [InlineData("NumericEquals", "s3:max-keys", "10", "ten", Truth.False)]
    [InlineData("NumericNotEquals", "s3:max-keys", "10", "11", Truth.True)]
    [InlineData("DateLessThan", "aws:CurrentTime", "2026-12-31T23:59:59Z", "2026-12-07T01:00:00Z", Truth.True)]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "2026-12-31T23:59:59Z", "2026-12-07T01:00:00Z", Truth.False)]
    [InlineData("DateEquals", "aws:CurrentTime", "1796605200", "2026-12-07T01:00:00Z", Truth.True)]
    [InlineData("DateNotEquals", "aws:CurrentTime", "2026-12-07", "2026-12-07T01:00:00Z", Truth.True)]
    [InlineData("DateLessThanEquals", "aws:CurrentTime", "2026-12-07T01:00:00Z", "2026-12-07T01:00:00Z", Truth.True)]
    [InlineData("DateGreaterThanEquals", "aws:CurrentTime", "2026-12-07T01:00:00Z", "2026-12-07T00:59:59Z", Truth.False)]
    [InlineData("Bool", "aws:SecureTransport", "false", "false", Truth.True)]
    [InlineData("Bool", "aws:SecureTransport", "TRUE", "true", Truth.True)]
    [InlineData("Bool", "aws:SecureTransport", "true", "yes", Truth.False)]
    [InlineData("BinaryEquals", "aws:Blob", "QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWU=", Truth.True)]
    // IP addresses: CIDR, single host, IPv6, other family.
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.0/24", "203.0.113.5", Truth.True)]
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.0/24", "198.51.100.7", Truth.False)]
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.5", "203.0.113.5", Truth.True)]
    [InlineData("IpAddress", "aws:SourceIp", "203.0.113.7/24", "203.0.113.5", Truth.True)]
    [InlineData("IpAddress", "aws:SourceIp", "2001:db8::/32", "2001:db8:85a3::8a2e:370:7334", Truth.True)]
    [InlineData("IpAddress", "aws:SourceIp", "2001:db8::/32", "203.0.113.5", Truth.False)]
    [InlineData("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "203.0.113.5", Truth.True)]
    [InlineData("NotIpAddress", "aws:SourceIp", "2001:db8::/32", "203.0.113.5", Truth.True)]
    // ARNs: component-wise, case-sensitive, wildcards in both operators.
    [InlineData("ArnLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/app-role", Truth.True)]
    [InlineData("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::*:role/app-role", "arn:aws:iam::111122223333:role/app-role", Truth.True)]
    [InlineData("ArnLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/APP-ROLE", "arn:aws:iam::111122223333:role/app-role", Truth.False)]
    [InlineData("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::444455556666:*", "arn:aws:iam::111122223333:role/app-role", Truth.True)]
    [InlineData("ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/app-role", "arn:aws:iam::111122223333:role/app-role", Truth.False)]
    // Missing keys: positive false, negated true, IfExists true, ForAllValues true, ForAnyValue false even with IfExists.
    [InlineData("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d", "-", Truth.False)]
    [InlineData("StringNotEquals", "aws:SourceVpce", "vpce-1a2b3c4d", "-", Truth.True)]
    [InlineData("StringEqualsIfExists", "aws:SourceVpce", "vpce-1a2b3c4d", "-", Truth.True)]
    [InlineData("StringEqualsIfExists", "aws:SourceVpce", "vpce-1a2b3c4d", "vpce-9z8y7x6w", Truth.False)]
    [InlineData("ForAllValues:StringEquals", "aws:TagKeys", "team", "-", Truth.True)]
    [InlineData("ForAnyValue:StringEquals", "aws:TagKeys", "team", "-", Truth.False)]
    [InlineData("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "team", "-", Truth.False)]
    // Multivalued keys.
    [InlineData("ForAllValues:StringEquals", "aws:TagKeys", "team|env", "team|env", Truth.True)]
    [InlineData("ForAllValues:StringEquals", "aws:TagKeys", "team", "team|cost", Truth.False)]
    [InlineData("ForAnyValue:StringEquals", "aws:TagKeys", "team", "team|cost", Truth.True)]
    [InlineData("ForAnyValue:StringNotEquals", "aws:TagKeys", "team", "team|cost", Truth.True)]
    [InlineData("ForAllValues:StringNotEquals", "aws:TagKeys", "team", "team|cost", Truth.False)]
    // Null.
    [InlineData("Null", "aws:SourceVpce", "true", "-", Truth.True)]
    [InlineData("Null", "aws:SourceVpce", "false", "-", Truth.False)]
    [InlineData("Null", "aws:SourceVpce", "false", "vpce-1a2b3c4d", Truth.True)]
    // Unknown keys are not determinable, whatever the operator.
    [InlineData("StringEquals", "aws:PrincipalTag/team", "dev", "?", Truth.Unknown)]
    [InlineData("StringNotEqualsIfExists", "aws:PrincipalTag/team", "dev", "?", Truth.Unknown)]
    [InlineData("Null", "aws:PrincipalTag/team", "true", "?", Truth.Unknown)]
    public void Operator(string op, string key, string policyValues, string requestValues, Truth expected)
    {
        var entry = new ConditionEntry(ConditionOperator.Parse(op)!, key, policyValues.Split('|'));
        var keys = requestValues is "-" or "?" ? [] : new[] { $"{key}={requestValues}" };
        var context = Requests.Context(complete: requestValues != "?", keys: keys);
        Assert.Equal(expected, ConditionEvaluator.Evaluate(entry, context, substitute: true));
    }

    [Fact]
    public void ConditionKeyNamesAreCaseInsensitive()
    {
        var entry = new ConditionEntry(ConditionOperator.Parse("StringEquals")!, "AWS:SOURCEVPCE", ["vpce-1a2b3c4d"]);
        Assert.Equal(Truth.True, ConditionEvaluator.Evaluate(entry, Requests.Context(keys: "aws:SourceVpce=vpce-1a2b3c4d"), substitute: true));
    }

    [Fact]
    public void AKeyMarkedAbsentIsAbsentInAnOpenContext()
    {
        var context = new RequestContext(RequestPrincipal.FromArn(Requests.Session), "s3:GetObject", "*", null, [], complete: false, knownAbsent: ["aws:username"]);
        Assert.Equal(Truth.False, ConditionEvaluator.Evaluate(new ConditionEntry(ConditionOperator.Parse("StringEquals")!, "aws:username", ["alice"]), context, true));
        Assert.Equal(Truth.Unknown, ConditionEvaluator.Evaluate(new ConditionEntry(ConditionOperator.Parse("StringEquals")!, "aws:SourceVpce", ["v"]), context, true));
    }
}
