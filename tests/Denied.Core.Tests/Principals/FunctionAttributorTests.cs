using Denied.Classification;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

public class FunctionAttributorTests
{
    [Theory]
    [InlineData("kms-decrypt-key-policy-implicit.json", "orders-api", "arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP")]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", "orders-consumer", "arn:aws:iam::111122223333:role/service-role/orders-consumer-role")]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", "ledger-sync", "arn:aws:iam::111122223333:role/service-role/ledger-sync-role")]
    [InlineData("lambda-update-function-configuration-vpc-role-lacks-eni.json", "orders-api", "arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP")]
    [InlineData("s3-invoke-denied-by-function-policy.json", "thumbnailer", "arn:aws:iam::111122223333:role/service-role/thumbnailer-role")]
    [InlineData("lambda-invoke-cross-account-denied.json", "billing-api", "arn:aws:iam::111122223333:role/service-role/billing-api-role")]
    [InlineData("ec2-encoded-message-truncated.json", "vpc-worker", "arn:aws:iam::111122223333:role/service-role/vpc-worker-role")]
    // Lambda could not decrypt the invoked function's environment: the invoked function's role, with its path.
    [InlineData("lambda-invoke-kms-environment-denied.json", "thumbnailer", "arn:aws:iam::111122223333:role/service-role/thumbnailer-role")]
    // The identity-based policy names the caller, not the invoked function.
    [InlineData("lambda-invoke-destination-identity-implicit.json", "orders-api", "arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP")]
    public void Attribute_WithInventory_NamesFunctionAndRole(string fixture, string name, string roleArn)
    {
        var function = Attribute(Fixture.Record(fixture), Inventories.Fixture());

        Assert.Equal(new FunctionRef(name, roleArn), function);
    }

    [Theory]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", "orders-consumer", null)]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", "ledger-sync", "arn:aws:iam::111122223333:role/service-role/ledger-sync-role")]
    [InlineData("s3-invoke-denied-by-function-policy.json", "thumbnailer", null)]
    [InlineData("scp-explicit-deny-with-policy-arn.json", "notifier", "arn:aws:iam::111122223333:role/service-role/notifier-role")]
    [InlineData("ec2-encoded-message-truncated.json", null, "arn:aws:iam::111122223333:role/service-role/vpc-worker-role")]
    // The role is read from the message's STS session ARN, which drops the path.
    [InlineData("lambda-invoke-kms-environment-denied.json", "thumbnailer", "arn:aws:iam::111122223333:role/thumbnailer-role")]
    // Lambda calling with the function's role (invokedBy lambda.amazonaws.com) for a destination: the session names the function.
    [InlineData("lambda-invoke-destination-identity-implicit.json", "orders-api", "arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP")]
    public void Attribute_WithoutInventory_UsesOnlyTheRecord(string fixture, string? name, string? roleArn) =>
        Assert.Equal(new FunctionRef(name, roleArn), Attribute(Fixture.Record(fixture), null));

    [Theory]
    [InlineData("iam-user-denied.json")]
    [InlineData("assumed-role-human-denied.json")]
    [InlineData("not-denied-nosuchkey.json")]
    public void Attribute_NoFunctionInvolved_ReturnsNull(string fixture) =>
        Assert.Null(Attribute(Fixture.Record(fixture), Inventories.Fixture()));

    [Fact]
    public void Attribute_CallerFunctionInvokingAnotherInTheSameAccount_IsTheCaller()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["eventSource"] = "lambda.amazonaws.com";
            r["eventName"] = "Invoke";
        });

        Assert.Equal("orders-api", Attribute(record, null)?.Name);
    }

    // Which layer the message names decides whose finding an invocation denial is.
    [Theory]
    [InlineData("because no identity-based policy allows the lambda:InvokeFunction action", "orders-api")]
    [InlineData("because no permissions boundary allows the lambda:InvokeFunction action", "orders-api")]
    [InlineData("with an explicit deny in a sessions policy", "orders-api")]
    [InlineData("because no resource-based policy allows the lambda:InvokeFunction action", "invoice-renderer")]
    public void Attribute_InvokeByLambdaOnARolesBehalf_FollowsTheLayerTheMessageNames(string clause, string function)
    {
        var record = Fixture.Record("lambda-invoke-destination-identity-implicit.json", r => r["errorMessage"] =
            "User: arn:aws:sts::111122223333:assumed-role/orders-api-role-8KQ2ZP/orders-api is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:invoice-renderer " + clause);

        Assert.Equal(function, Attribute(record, null)?.Name);
    }

    [Fact]
    public void Attribute_IdentityDenialOfAnInvokeByANonFunctionRole_BelongsToNoFunction()
    {
        var record = Fixture.Record("lambda-invoke-destination-identity-implicit.json", r =>
        {
            r["userIdentity"]!["invokedBy"] = "apigateway.amazonaws.com";
        });

        Assert.Null(Attribute(record, null));
    }

    private static FunctionRef? Attribute(CloudTrailRecord record, FunctionInventory? inventory)
    {
        var signal = DenialDetector.Detect(record);
        var message = AccessDeniedMessageParser.Parse(record.ErrorMessage);
        var principal = PrincipalResolver.Resolve(record, inventory);
        var action = message?.Action ?? (record.EventName == "Invoke" ? "lambda:InvokeFunction" : null);
        return FunctionAttributor.Attribute(record, signal, principal, action, message, inventory);
    }
}
