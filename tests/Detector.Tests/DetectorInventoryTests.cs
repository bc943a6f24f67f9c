using System.Text.Json.Nodes;
using Denied.Findings;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// The composed Detector with its function inventory on (the template's default), listing functions from moto's
/// Lambda API. A Go function (no exec-env user agent) on a role whose name says nothing is known only through the
/// inventory; when it was deployed after the inventory was cached, the Detector lists the functions again.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorInventoryTests(MotoServer moto)
{
    private const string GoUserAgent = "aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#arm64 api/dynamodb#1.34.4";

    [Fact]
    public async Task AFunctionDeployedAfterTheInventoryWasCached_IsFoundOnceTheInventoryIsAMinuteOld()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var roleArn = await CreateRoleAsync("platform-runtime-7");
        var (handler, output) = await stack.ComposeAsync(inventory: true);
        await HandleAsync(stack, handler, "e-0");   // caches the inventory: no function yet

        await CreateFunctionAsync("ingest", roleArn);
        stack.Clock.Now += TimeSpan.FromSeconds(30);
        await HandleAsync(stack, handler, "e-1");   // inventory 30 s old: not listed again
        Assert.Empty(await stack.FindingsAsync());
        Assert.Equal(2, DetectorStack.Metric(output, "IgnoredOtherPrincipal"));

        stack.Clock.Now += TimeSpan.FromSeconds(31);
        await HandleAsync(stack, handler, "e-2");   // past the floor: listed again, the session is the function

        var finding = Assert.Single(await stack.FindingsAsync());
        Assert.Equal(["ingest"], finding.FunctionNames);
        Assert.Equal(roleArn, finding.Key.RoleArn);
        Assert.Equal("dynamodb:GetItem", finding.Key.Action);
        Assert.Equal(1, finding.Count);
    }

    [Fact]
    public async Task ASessionOfNoFunction_IsStillIgnoredAfterTheRefresh()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var roleArn = await CreateRoleAsync("platform-runtime-7");
        await CreateFunctionAsync("ingest", roleArn);
        var (handler, output) = await stack.ComposeAsync(inventory: true);

        stack.Clock.Now += TimeSpan.FromMinutes(2);
        await HandleAsync(stack, handler, "e-0", session: "dana");

        Assert.Empty(await stack.FindingsAsync());
        Assert.Equal(1, DetectorStack.Metric(output, "IgnoredOtherPrincipal"));
    }

    private static async Task HandleAsync(DetectorStack stack, Denied.LambdaRuntime.InvocationHandler handler, string eventId, string session = "ingest")
    {
        var response = await handler(SqsBatch.Event([("msg-" + eventId, Envelope(eventId, session))]), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        Assert.Empty(SqsBatch.Failures(response));
    }

    private async Task<string> CreateRoleAsync(string name) =>
        await MotoPython.RunAsync(moto, $$"""
            print(boto3.client("iam", **kw).create_role(RoleName="{{name}}", AssumeRolePolicyDocument="{}")["Role"]["Arn"])
            """);

    private Task<string> CreateFunctionAsync(string name, string roleArn) =>
        MotoPython.RunAsync(moto, $$"""
            import io, zipfile
            b = io.BytesIO(); z = zipfile.ZipFile(b, "w"); z.writestr("bootstrap", "#!/bin/sh"); z.close()
            boto3.client("lambda", **kw).create_function(FunctionName="{{name}}", Runtime="provided.al2023", Role="{{roleArn}}", Handler="bootstrap", Code={"ZipFile": b.getvalue()})
            """);

    /// <summary>A Go function's denied GetItem as EventBridge delivers it (enhanced message, no exec-env user agent).</summary>
    private static string Envelope(string eventId, string session)
    {
        const string account = "123456789012";
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = "AROAEXAMPLEROLEID0001:" + session,
                ["arn"] = $"arn:aws:sts::{account}:assumed-role/platform-runtime-7/{session}",
                ["accountId"] = account,
                ["accessKeyId"] = "ASIAEXAMPLEKEY000001",
                ["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = "Role",
                        ["principalId"] = "AROAEXAMPLEROLEID0001",
                        ["arn"] = $"arn:aws:iam::{account}:role/platform-runtime-7",
                        ["accountId"] = account,
                        ["userName"] = "platform-runtime-7",
                    },
                    ["attributes"] = new JsonObject { ["creationDate"] = "2026-11-20T09:00:00Z", ["mfaAuthenticated"] = "false" },
                },
            },
            ["eventTime"] = "2026-11-20T09:10:00Z",
            ["eventSource"] = "dynamodb.amazonaws.com",
            ["eventName"] = "GetItem",
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = "3.80.12.34",
            ["userAgent"] = GoUserAgent,
            ["errorCode"] = "AccessDenied",
            ["errorMessage"] = $"User: arn:aws:sts::{account}:assumed-role/platform-runtime-7/{session} is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:{account}:table/events because no identity-based policy allows the dynamodb:GetItem action",
            ["requestParameters"] = new JsonObject { ["tableName"] = "events" },
            ["responseElements"] = null,
            ["requestID"] = "REQ" + eventId,
            ["eventID"] = "00000000-0000-4000-8000-" + eventId.Replace("e-", "", StringComparison.Ordinal).PadLeft(12, '0'),
            ["readOnly"] = true,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = false,
            ["recipientAccountId"] = account,
            ["eventCategory"] = "Data",
        };
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.dynamodb",
            ["account"] = account,
            ["time"] = "2026-11-20T09:10:00Z",
            ["region"] = "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = record,
        }.ToJsonString();
    }
}
