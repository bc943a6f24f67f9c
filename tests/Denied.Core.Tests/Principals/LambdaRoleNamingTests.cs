using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

/// <summary>Functions on OS-only runtimes (Go, Rust, .NET AOT) send no exec-env user agent: the role's name is the evidence.</summary>
public class LambdaRoleNamingTests
{
    private const string GoUserAgent = "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#arm64 api/dynamodb#1.34.4";

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/service-role/orders-fn-role-ab12cd34", "orders-fn", "console")]
    [InlineData("arn:aws:iam::111122223333:role/shop-OrdersFunctionRole-1A2B3C4D5E6F", "shop-OrdersFunction-9Z8Y7X6W5V4U", "SAM")]
    [InlineData("arn:aws:iam::111122223333:role/Shop-OrdersFnServiceRole3BAA72D1-Q1W2E3R4T5Y6", "Shop-OrdersFn3BAA72D1-Z9X8C7V6B5N4", "CDK")]
    [InlineData("arn:aws:iam::111122223333:role/shop-dev-us-east-1-lambdaRole", "shop-dev-createOrder", "Serverless")]
    [InlineData("arn:aws:iam::111122223333:role/app/orders-fn-exec", "orders-fn", "named after the function")]
    [InlineData("arn:aws:iam::111122223333:role/orders_fnRole", "orders_fn", "named after the function")]
    [InlineData("arn:aws:iam::111122223333:role/payments-lambda-execution", "charge-card", "for Lambda")]
    public void Convention_KnownToolNaming_PairsRoleAndSession(string roleArn, string session, string expected) =>
        Assert.Contains(expected, LambdaRoleNaming.Convention(roleArn, session), StringComparison.Ordinal);

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/AWSReservedSSO_Developer_0123456789abcdef", "dana")]
    [InlineData("arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", "ecs-lambda")]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-111122223333-us-east-1", "aws-cdk-dana")]
    [InlineData("arn:aws:iam::111122223333:role/lambda-ci-deployer", "dana@example.com")]
    [InlineData("arn:aws:iam::111122223333:role/lambda-hosts", "i-0174a3c5e9b2d1f08")]
    [InlineData("arn:aws:iam::111122223333:role/lambda-tasks", "5f3c9a1e2b7d4c6a8e0f1a2b3c4d5e6f")]
    [InlineData("arn:aws:iam::111122223333:role/lambda-tool", "botocore-session-1700000000")]
    [InlineData("arn:aws:iam::111122223333:role/lambda-tool", "aws-go-sdk-1700000000000000000")]
    [InlineData("arn:aws:iam::111122223333:role/deploy", "GitHubActions")]
    [InlineData("arn:aws:iam::111122223333:role/service-role/orders-fn-role-ab12cd34", "other-fn")]
    public void Convention_OtherSessionsAndRoles_AreNotAFunction(string roleArn, string session) =>
        Assert.Null(LambdaRoleNaming.Convention(roleArn, session));

    [Fact]
    public void Convention_OverlongRoleName_IsNotMatched() =>
        Assert.Null(LambdaRoleNaming.Convention("arn:aws:iam::111122223333:role/" + new string('a', 5000) + "-lambdaRole", "a"));

    [Fact]
    public void Resolve_GoFunctionOnConsoleRole_IsTheFunctionWithoutInventory()
    {
        var record = GoRecord("arn:aws:iam::111122223333:role/service-role/orders-fn-role-ab12cd34", "orders-fn-role-ab12cd34", "orders-fn");

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Equal("orders-fn", principal.FunctionName);
        Assert.Contains("OS-only runtimes", principal.AttributionEvidence, StringComparison.Ordinal);
        Assert.Contains("--functions can confirm", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_GoSessionOnUnrelatedRoleName_StaysAPlainAssumedRole()
    {
        var record = GoRecord("arn:aws:iam::111122223333:role/platform/worker", "worker", "orders-fn");

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Null(principal.FunctionName);
    }

    [Fact]
    public void Resolve_InventoryListingOtherFunctionsForTheRole_OverridesTheNaming()
    {
        // The inventory knows the role's functions, and this session is none of them: a person or tool on the role.
        var record = GoRecord("arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP", "orders-api-role-8KQ2ZP", "orders-api-debug");

        var principal = PrincipalResolver.Resolve(record, Inventories.Fixture());

        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
    }

    private static Denied.CloudTrail.CloudTrailRecord GoRecord(string roleArn, string roleName, string session) =>
        Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["userAgent"] = GoUserAgent;
            r["userIdentity"]!["arn"] = $"arn:aws:sts::111122223333:assumed-role/{roleName}/{session}";
            r["userIdentity"]!["principalId"] = "AROAZ3EXAMPLEROLEIDG:" + session;
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = roleArn;
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = roleName;
        });
}
