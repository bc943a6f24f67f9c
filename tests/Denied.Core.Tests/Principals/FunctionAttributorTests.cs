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

    private static FunctionRef? Attribute(CloudTrailRecord record, FunctionInventory? inventory)
    {
        var signal = DenialDetector.Detect(record);
        var message = AccessDeniedMessageParser.Parse(record.ErrorMessage);
        var principal = PrincipalResolver.Resolve(record, inventory);
        var action = message?.Action ?? (record.EventName == "Invoke" ? "lambda:InvokeFunction" : null);
        return FunctionAttributor.Attribute(record, signal, principal, action, inventory);
    }
}
