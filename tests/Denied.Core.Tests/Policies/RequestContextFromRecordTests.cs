using System.Text.Json.Nodes;
using Denied.Core.Tests.Fixtures;
using Denied.Policies;

namespace Denied.Core.Tests.Policies;

public sealed class RequestContextFromRecordTests
{
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    private static string? Single(RequestContext context, string key) =>
        context.Lookup(key, out var values) == KeyState.Present ? Assert.Single(values) : null;

    [Fact]
    public void TheRecordGivesThePrincipalTimeRegionAndAddress()
    {
        var context = RequestContextFromRecord.Build(Fixture.Record("kms-decrypt-key-policy-implicit.json"), "kms:Decrypt", Key, "111122223333")!;
        Assert.Equal(RequestPrincipalType.AssumedRole, context.Principal.Type);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP", context.Principal.RoleArn);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP", Single(context, "aws:PrincipalArn"));
        Assert.Equal("111122223333", Single(context, "aws:PrincipalAccount"));
        Assert.Equal("AROAZ3EXAMPLEROLEID1:orders-api", Single(context, "aws:userid"));
        Assert.Equal("AssumedRole", Single(context, "aws:PrincipalType"));
        Assert.Equal("3.91.20.114", Single(context, "aws:SourceIp"));
        Assert.Equal("2025-03-14T10:22:41Z", Single(context, "aws:CurrentTime"));
        Assert.Equal("1741947761", Single(context, "aws:EpochTime"));
        Assert.Equal("us-east-1", Single(context, "aws:RequestedRegion"));
        Assert.Equal(KeyState.Absent, context.Lookup("aws:username", out _));
    }

    [Fact]
    public void ASessionIssuerOfAnotherRoleAndAnotherAccountId_AreNotThePrincipalEvaluated()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::999988887777:role/admin";
            r["userIdentity"]!["accountId"] = "999988887777";
        });

        var context = RequestContextFromRecord.Build(record, "kms:Decrypt", Key, "111122223333")!;

        Assert.Equal("arn:aws:iam::111122223333:role/orders-api-role-8KQ2ZP", context.Principal.RoleArn);
        Assert.Equal(KeyState.Unknown, context.Lookup("aws:PrincipalArn", out _));
        Assert.Equal("111122223333", Single(context, "aws:PrincipalAccount"));
    }

    [Theory]
    [InlineData("aws:PrincipalTag/team")]
    [InlineData("aws:SecureTransport")]
    [InlineData("aws:SourceVpce")]
    [InlineData("aws:CalledVia")]
    public void KeysTheRecordDoesNotCarryAreUnknown(string key)
    {
        var context = RequestContextFromRecord.Build(Fixture.Record("kms-decrypt-key-policy-implicit.json"), "kms:Decrypt", Key, "111122223333")!;
        Assert.Equal(KeyState.Unknown, context.Lookup(key, out _));
    }

    [Fact]
    public void TlsDetailsVpcEndpointAndEncryptionContextBecomeKeys()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["tlsDetails"] = new JsonObject { ["tlsVersion"] = "TLSv1.3", ["cipherSuite"] = "TLS_AES_128_GCM_SHA256", ["clientProvidedHostHeader"] = "kms.us-east-1.amazonaws.com" };
            r["vpcEndpointId"] = "vpce-1a2b3c4d";
            r["requestParameters"] = new JsonObject { ["encryptionContext"] = new JsonObject { ["dept"] = "finance" } };
        });
        var context = RequestContextFromRecord.Build(record, "kms:Decrypt", Key, "111122223333")!;
        Assert.Equal("true", Single(context, "aws:SecureTransport"));
        Assert.Equal("vpce-1a2b3c4d", Single(context, "aws:SourceVpce"));
        Assert.Equal("finance", Single(context, "kms:EncryptionContext:dept"));
        Assert.Equal("dept", Single(context, "kms:EncryptionContextKeys"));
    }

    [Fact]
    public void ListBucketParametersGiveS3PrefixAndMarkTheMissingOnesAbsent()
    {
        var record = Fixture.Record("s3-listobjectsv2-identity-implicit.json", r => r["requestParameters"] = new JsonObject { ["bucketName"] = "b", ["prefix"] = "home/alice/", ["list-type"] = "2" });
        var context = RequestContextFromRecord.Build(record, "s3:ListBucket", "arn:aws:s3:::b", null)!;
        Assert.Equal("home/alice/", Single(context, "s3:prefix"));
        Assert.Equal(KeyState.Absent, context.Lookup("s3:delimiter", out _));
    }

    [Fact]
    public void AServiceNameAsSourceAddressIsNoAddress()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["sourceIPAddress"] = "lambda.amazonaws.com");
        Assert.Equal(KeyState.Unknown, RequestContextFromRecord.Build(record, "kms:Decrypt", Key, null)!.Lookup("aws:SourceIp", out _));
    }

    [Fact]
    public void ARecordWithoutAPrincipalArnGivesNoContext()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userIdentity"] = new JsonObject { ["type"] = "AWSService", ["invokedBy"] = "lambda.amazonaws.com" });
        Assert.Null(RequestContextFromRecord.Build(record, "kms:Decrypt", Key, null));
    }
}
