using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>AccessTroubleshooterCapture over a loopback server: details joined with each policy's captured document; failures recorded, not thrown.</summary>
public sealed class AccessTroubleshooterCaptureTests : IDisposable
{
    private const string Id = "0a1b2c";

    private const string Details = """
        {"requestContext":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/orders-fn"},
         "evaluations":[{"action":"iam:PassRole","resource":"arn:aws:iam::123456789012:role/app","evaluatedEffect":"EXPLICIT_DENY",
           "matchedPolicies":[{"uri":"arn:aws:iam::123456789012:policy/NoPass","matchedStatements":[{"sid":"NoPass","evaluatedEffect":"DENY"}]}]}],
         "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::123456789012:policy/NoPass","attachedTo":[{"arn":"arn:aws:iam::123456789012:role/orders-fn"}]},
                     {"type":"IDENTITY_BASED_POLICY","inline":true,"uri":"opaque-1","attachedTo":[{"arn":"arn:aws:iam::123456789012:role/orders-fn"}]}]}
        """;

    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Capture_KeepsTheServiceNames_AndAttachesEachPolicysCapturedDocument_OrTheReasonItIsMissing()
    {
        _server
            .Reply(200, Details)
            .Reply(200, """{"Version":"2012-10-17","Statement":[{"Sid":"NoPass","Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}""")
            .Reply(403, """{"message":"not authorized to perform iam:GetRequestAuthorizationPolicy"}""", "AccessDeniedException");

        var (capture, reads) = await new AccessTroubleshooterCapture(Client()).CaptureAsync(Id, CancellationToken.None);

        Assert.NotNull(capture);
        Assert.Equal(Id, (string?)capture["authorizationId"]);
        Assert.Equal("EXPLICIT_DENY", (string?)capture["evaluations"]![0]!["evaluatedEffect"]);
        Assert.Equal("NoPass", (string?)capture["evaluations"]![0]!["matchedPolicies"]![0]!["matchedStatements"]![0]!["sid"]);
        var managed = capture["policies"]![0]!;
        Assert.Equal("NoPass", (string?)managed["document"]!["Statement"]![0]!["Sid"]);
        Assert.NotNull(managed["capturedPolicy"]);
        var inline = capture["policies"]![1]!.AsObject();
        Assert.False(inline.ContainsKey("document"));
        Assert.Equal(
            [("iam:GetRequestAuthorizationDetails", PolicyReadOutcome.Read), ("iam:GetRequestAuthorizationPolicy", PolicyReadOutcome.Read),
             ("iam:GetRequestAuthorizationPolicy", PolicyReadOutcome.Refused)],
            reads.Select(r => (r.Read, r.Outcome)));
        Assert.Equal("opaque-1", reads[2].Arn);
    }

    [Fact]
    public async Task RecordNeverWritten_IsAFailedReadSayingHowOftenItWasAsked()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Reply(404, """{"message":"not found"}""", "ResourceNotFoundException");
        }

        var (capture, reads) = await new AccessTroubleshooterCapture(Client(notFoundRetries: 2)).CaptureAsync(Id, CancellationToken.None);

        Assert.Null(capture);
        var read = Assert.Single(reads);
        Assert.Equal(PolicyReadOutcome.Failed, read.Outcome);
        Assert.StartsWith("not available after 3 tries", read.Reason, StringComparison.Ordinal);
    }

    private AccessTroubleshooterClient Client(int notFoundRetries = 0) => new(
        new AwsEndpointSettings("us-east-1", _server.Endpoint),
        _http,
        new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey),
        retry: TestKeys.Retry([]),
        notFoundRetry: new AwsRetryPolicy(notFoundRetries, TimeSpan.Zero, TimeSpan.Zero));
}
