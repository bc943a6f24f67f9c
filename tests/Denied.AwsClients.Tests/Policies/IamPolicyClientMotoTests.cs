using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>IamPolicyClient against moto's IAM: each of the six reads, documents decoded to the JSON that was stored.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class IamPolicyClientMotoTests(MotoServer moto) : IAsyncLifetime
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/service-role/orders-fn";

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        await MotoPython.RunAsync(moto, """
            iam = boto3.client("iam", **kw)
            trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            boundary = iam.create_policy(PolicyName="boundary", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))["Policy"]["Arn"]
            iam.create_role(RoleName="orders-fn", Path="/service-role/", AssumeRolePolicyDocument=json.dumps(trust),
                            PermissionsBoundary=boundary, Tags=[{"Key": "team", "Value": "orders & co"}])
            for i in range(3):
                iam.put_role_policy(RoleName="orders-fn", PolicyName="inline-%d" % i, PolicyDocument=json.dumps(
                    {"Version": "2012-10-17", "Statement": [{"Sid": "S%d" % i, "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a+b%20c/*"}]}))
            m = iam.create_policy(PolicyName="orders-read", Path="/app/", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}))["Policy"]["Arn"]
            iam.create_policy_version(PolicyArn=m, SetAsDefault=True, PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "V2", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders"}]}))
            iam.attach_role_policy(RoleName="orders-fn", PolicyArn=m)
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetRole_ReturnsPathIdTrustPolicyBoundaryAndTags()
    {
        var role = await Client().GetRoleAsync("orders-fn", RoleArn, CancellationToken.None);

        Assert.Equal(("/service-role/", "orders-fn", RoleArn), (role.Path, role.RoleName, role.Arn));
        Assert.StartsWith("AROA", role.RoleId, StringComparison.Ordinal);
        Assert.Equal("lambda.amazonaws.com", (string?)role.AssumeRolePolicyDocument!["Statement"]![0]!["Principal"]!["Service"]);
        Assert.Equal("arn:aws:iam::123456789012:policy/boundary", role.PermissionsBoundaryArn);
        Assert.Equal([new KeyValuePair<string, string>("team", "orders & co")], role.Tags);
    }

    [Fact]
    public async Task InlinePolicies_AreListedAndRead_DecodedOnce_WithPlusAndPercentEscapesIntact()
    {
        var client = Client();

        var names = await client.ListRolePoliciesAsync("orders-fn", RoleArn, CancellationToken.None);
        var document = await client.GetRolePolicyAsync("orders-fn", RoleArn, "inline-1", CancellationToken.None);

        Assert.Equal(["inline-0", "inline-1", "inline-2"], names.Order(StringComparer.Ordinal));
        Assert.Equal("S1", (string?)document["Statement"]![0]!["Sid"]);
        Assert.Equal("arn:aws:s3:::a+b%20c/*", (string?)document["Statement"]![0]!["Resource"]);
    }

    [Fact]
    public async Task AttachedManagedPolicy_ReadsItsDefaultVersion_NotTheFirst()
    {
        var client = Client();

        var attached = Assert.Single(await client.ListAttachedRolePoliciesAsync("orders-fn", RoleArn, CancellationToken.None));
        var policy = await client.GetPolicyAsync(attached.PolicyArn, CancellationToken.None);
        var document = await client.GetPolicyVersionAsync(policy.Arn, policy.DefaultVersionId, CancellationToken.None);

        Assert.Equal(("orders-read", "arn:aws:iam::123456789012:policy/app/orders-read"), (attached.PolicyName, attached.PolicyArn));
        Assert.Equal(("/app/", "v2"), (policy.Path, policy.DefaultVersionId));
        Assert.False(string.IsNullOrEmpty(policy.PolicyId));
        Assert.Equal("V2", (string?)document["Statement"]![0]!["Sid"]);
    }

    [Fact]
    public async Task MissingRole_IsANonTransientNoSuchEntityNamingTheRole()
    {
        const string missing = "arn:aws:iam::123456789012:role/nope";

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Client().GetRoleAsync("nope", missing, CancellationToken.None));

        Assert.Equal(("GetRole", missing, "NoSuchEntity", false), (e.Operation, e.ResourceArn, e.ErrorCode, e.IsTransient));
        Assert.Equal(PolicyReadOutcome.Failed, PolicyReadFailure.Describe("iam:GetRole", missing, null, e).Outcome);
    }

    private IamPolicyClient Client() =>
        new(new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), new HttpClient(), new StaticAwsCredentialsSource("testing", "testing"));
}
