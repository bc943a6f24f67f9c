using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// The function policy names the narrowest principal that is certain to be the caller: the role, not its whole
/// account, and never an STS session ARN. The path comes from the record when it names the same role.
/// </summary>
public sealed class CallerPrincipalTests
{
    private const string Function = "arn:aws:lambda:eu-west-1:123456789012:function:billing";

    public static TheoryData<string?, string?, string?, string> Callers => new()
    {
        // CallerPrincipal, MessagePrincipal, RoleArn -> Principal
        { "444455556666", "arn:aws:sts::444455556666:assumed-role/caller-role/caller-fn", null, "arn:aws:iam::444455556666:role/caller-role" },
        { "444455556666", "arn:aws:iam::444455556666:user/ops/deployer", null, "arn:aws:iam::444455556666:user/ops/deployer" },
        { "444455556666", "arn:aws:sts::777788889999:assumed-role/caller-role/caller-fn", null, "arn:aws:iam::444455556666:root" },
        { "444455556666", null, null, "arn:aws:iam::444455556666:root" },
        { "arn:aws:sts::444455556666:assumed-role/caller-role/caller-fn", null, "arn:aws:iam::444455556666:role/service-role/caller-role", "arn:aws:iam::444455556666:role/service-role/caller-role" },
        { "arn:aws:sts::444455556666:assumed-role/caller-role/caller-fn", null, null, "arn:aws:iam::444455556666:role/caller-role" },
        { null, null, "arn:aws:iam::123456789012:role/service/invoice-reader-role", "arn:aws:iam::123456789012:role/service/invoice-reader-role" },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public void TheFunctionPolicyNamesTheNarrowestCertainPrincipal(string? caller, string? named, string? role, string expected)
    {
        var request = SomeFixRequest.For("lambda:InvokeFunction", Function, DenialLayer.ResourcePolicy) with
        {
            CallerPrincipal = caller,
            MessagePrincipal = named,
            RoleArn = role,
        };

        var fix = FixBuilder.Build(request);

        Assert.Equal(("AWS", expected), Assert.Single(fix.Statements).Statement.Principal);
        Assert.Contains(fix.Commands, c => c.EndsWith("--principal " + (expected.EndsWith(":root", StringComparison.Ordinal) ? "444455556666" : expected), StringComparison.Ordinal));
        Assert.All(Diagnose.Texts(fix), t => Assert.DoesNotContain("assumed-role", t, StringComparison.Ordinal));
    }

    [Fact]
    public void ARoleArnBuiltFromASessionSaysThePathMayBeMissing()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("lambda:InvokeFunction", Function, DenialLayer.ResourcePolicy) with
        {
            CallerPrincipal = "444455556666",
            MessagePrincipal = "arn:aws:sts::444455556666:assumed-role/caller-role/caller-fn",
        });

        Assert.Contains(fix.Notes, n => n.Contains("aws iam get-role --role-name caller-role --query Role.Arn", StringComparison.Ordinal) && n.Contains("path", StringComparison.Ordinal));
    }

    [Fact]
    public void TheOwnersCopyOfACrossAccountInvokeNamesTheCallerRoleFromTheMessage()
    {
        var fix = Diagnose.Fixture("lambda-invoke-cross-account-denied.json");

        Assert.Equal(("AWS", "arn:aws:iam::444455556666:role/partner-sync-role"), Assert.Single(fix.Statements).Statement.Principal);
        Assert.Contains(fix.Commands, c => c.Contains("--principal arn:aws:iam::444455556666:role/partner-sync-role", StringComparison.Ordinal));
    }
}
