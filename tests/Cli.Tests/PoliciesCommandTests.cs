using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// `denied policies collect` against moto: the three offline files and reads.json are written from live reads,
/// refused or failed reads are listed and give exit code 4 with the files still written, bad arguments give exit 2
/// and write nothing.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class PoliciesCommandTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/orders-fn";
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        await MotoPython.RunAsync(moto, """
            iam = boto3.client("iam", **kw)
            iam.create_role(RoleName="orders-fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
            iam.put_role_policy(RoleName="orders-fn", PolicyName="read", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::orders-data/in/*"}]}))
            s3 = boto3.client("s3", **kw); s3.create_bucket(Bucket="orders-data")
            s3.put_bucket_policy(Bucket="orders-data", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Tls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::orders-data/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
            org = boto3.client("organizations", **kw); org.create_organization(FeatureSet="ALL")
            root = org.list_roots()["Roots"][0]["Id"]; org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Collect_WritesTheThreeOfflineFilesAndTheReads_FromMoto()
    {
        var (code, stdout, stderr) = await CollectAsync([RoleArn], ["arn:aws:s3:::orders-data/in/1.json"], organization: true);

        Assert.True(code == ExitCodes.Clean, stderr);
        Assert.Contains("wrote " + Path.Combine(_folder.Path, PoliciesCommand.AuthorizationDetailsFile), stdout, StringComparison.Ordinal);
        var details = Read(PoliciesCommand.AuthorizationDetailsFile);
        var role = Assert.Single(details["RoleDetailList"]!.AsArray())!;
        Assert.Equal(RoleArn, (string?)role["Arn"]);
        Assert.Equal("Read", (string?)role["RolePolicyList"]![0]!["PolicyDocument"]!["Statement"]![0]!["Sid"]);
        Assert.Equal("Tls", (string?)Read(PoliciesCommand.ResourcePoliciesFile)["arn:aws:s3:::orders-data"]!["Statement"]![0]!["Sid"]);
        var organization = Read(PoliciesCommand.OrganizationPoliciesFile);
        Assert.Equal("SERVICE_CONTROL_POLICY", (string?)organization["policies"]![0]!["type"]);
        Assert.StartsWith("r-", (string?)organization["accountPaths"]!["123456789012"]![0], StringComparison.Ordinal);
        Assert.All(Read(PoliciesCommand.ReadsFile)["reads"]!.AsArray(), r => Assert.Equal("read", (string?)r!["outcome"]));
        Assert.EndsWith("0 refused, 0 failed", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsThatFail_AreListedOnStderr_ExitFour_AndTheFilesAreStillWritten()
    {
        var (code, _, stderr) = await CollectAsync(["arn:aws:iam::123456789012:role/gone"], ["arn:aws:s3:::orders-data"], organization: false);

        Assert.Equal(ExitCodes.AwsError, code);
        Assert.Contains("denied: failed: iam:GetRole on arn:aws:iam::123456789012:role/gone: NoSuchEntity", stderr, StringComparison.Ordinal);
        Assert.Contains(Read(PoliciesCommand.ReadsFile)["reads"]!.AsArray(), r => (string?)r!["outcome"] == "failed" && (string?)r["read"] == "iam:GetRole");
        Assert.NotNull(Read(PoliciesCommand.ResourcePoliciesFile)["arn:aws:s3:::orders-data"]);
        Assert.False(File.Exists(Path.Combine(_folder.Path, PoliciesCommand.OrganizationPoliciesFile)));
    }

    [Theory]
    [InlineData(new string[0], new string[0], false, "nothing to collect")]
    [InlineData(new[] { "orders-fn" }, new string[0], false, "--role is not a role ARN")]
    [InlineData(new[] { "arn:aws:iam::123456789012:user/alice" }, new string[0], false, "--role is not a role ARN")]
    [InlineData(new[] { "arn:aws:iam::12345:role/x" }, new string[0], false, "--role is not a role ARN")]
    [InlineData(new string[0], new[] { "orders-data" }, false, "--resource is not an ARN")]
    [InlineData(new string[0], new[] { "arn:aws:s3:::b" }, true, "--organization reads the policies above each --role's account")]
    [InlineData(new string[0], new string[0], false, "--authorization-id is 1 to 256 characters of 0-9 and a-z", "EXAMPLE1a2b")]
    public async Task BadArguments_ExitTwoWithTheReason_AndWriteNothing(string[] roles, string[] resources, bool organization, string reason, string? authorizationId = null)
    {
        var (code, _, stderr) = await CollectAsync(roles, resources, organization, authorizationId: authorizationId);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task TheBuiltProgram_HasTheCommand()
    {
        var result = await Run.ProgramAsync([], "policies", "collect", "--out", _folder.Path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nothing to collect", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationId_CapturesWhatTheAccessTroubleshooterRecorded_IntoItsOwnFile()
    {
        using var server = new LoopbackServer();
        server
            .Reply(200, """{"requestContext":{"aws:SourceVpce":"vpce-1a2b3c4d"},"evaluations":[{"action":"s3:GetObject","resource":"arn:aws:s3:::orders-data/in/1.json","evaluatedEffect":"EXPLICIT_DENY","matchedPolicies":[{"uri":"arn:aws:iam::123456789012:policy/OnlyVpce","matchedStatements":[{"sid":"DenyOutsideVpce","evaluatedEffect":"DENY"}]}]}],"policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::123456789012:policy/OnlyVpce","attachedTo":[{"arn":"arn:aws:iam::123456789012:role/orders-fn"}]}]}""")
            .Reply(200, """{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpce","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0000"}}}]}""");

        var (code, stdout, stderr) = await CollectAsync([], [], organization: false, authorizationId: "0a1b2c3d", endpoint: server.Endpoint.ToString());

        Assert.True(code == ExitCodes.Clean, stderr);
        Assert.Contains(PoliciesCommand.AccessTroubleshooterFile, stdout, StringComparison.Ordinal);
        var capture = Read(PoliciesCommand.AccessTroubleshooterFile);
        Assert.Equal("DenyOutsideVpce", (string?)capture["evaluations"]![0]!["matchedPolicies"]![0]!["matchedStatements"]![0]!["sid"]);
        Assert.Equal("vpce-0000", (string?)capture["policies"]![0]!["document"]!["Statement"]![0]!["Condition"]!["StringNotEquals"]!["aws:SourceVpce"]);
        Assert.Equal(["/authorization-details/0a1b2c3d", "/authorization-details/0a1b2c3d/policy?policyUri=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FOnlyVpce"], server.Requests.Select(r => r.PathAndQuery));
    }

    private async Task<(int Code, string StdOut, string StdErr)> CollectAsync(
        string[] roles, string[] resources, bool organization, string? authorizationId = null, string? endpoint = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await PoliciesCommand.CollectAsync(
            new PoliciesCommand.CollectOptions(
                roles, resources, organization, _folder.Path, new AwsOptions(MotoServer.Region, null, endpoint ?? moto.EndpointUrl), authorizationId),
            stdout,
            stderr,
            CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, name)))!.AsObject();
}
