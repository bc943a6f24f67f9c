using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// AccessTroubleshooterClient over real HTTP against a loopback server that answers with the documented reply
/// shapes of GetRequestAuthorizationDetails (IAM Toolbox API reference: requestContext, evaluations[] with action,
/// resource, context, evaluatedEffect, matchedPolicies[].matchedStatements[], policies[] with type, inline, uri,
/// attachedTo[].arn, nextToken) and its errors (ResourceNotFoundException while the record is not written yet).
/// </summary>
public sealed class AccessTroubleshooterLoopbackTests : IDisposable
{
    private const string Id = "0a1b2c3d4e5f6g7h8i9j";

    private const string FirstPage = """
        {"requestContext":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/orders-fn","aws:SecureTransport":true,"aws:CurrentTime":"2026-12-01T10:00:00Z"},
         "evaluations":[{"action":"iam:CreateInstanceProfile","resource":"arn:aws:iam::123456789012:instance-profile/my-instance-profile",
           "context":{"aws:RequestTag/team":"orders"},"evaluatedEffect":"EXPLICIT_DENY",
           "matchedPolicies":[{"uri":"arn:aws:iam::123456789012:policy/ExampleDenyPolicy","matchedStatements":[{"sid":"DenyProfiles","evaluatedEffect":"DENY"}]}]}],
         "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::123456789012:policy/ExampleDenyPolicy",
           "attachedTo":[{"arn":"arn:aws:iam::123456789012:role/orders-fn"}]}],
         "nextToken":"page/2+="}
        """;

    private const string SecondPage = """
        {"requestContext":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/orders-fn"},
         "evaluations":[{"action":"iam:PassRole","resource":"arn:aws:iam::123456789012:role/app","evaluatedEffect":"IMPLICIT_DENY","matchedPolicies":[]}],
         "policies":[{"type":"SERVICE_CONTROL_POLICY","inline":false,"uri":"arn:aws:organizations::111111111111:policy/o-aa111bb222/service_control_policy/p-examplepolicyid111",
           "attachedTo":[{"arn":"arn:aws:organizations::111111111111:root/o-aa111bb222/r-a1b2"},{"arn":"arn:aws:organizations::111111111111:account/o-aa111bb222/123456789012"}]},
           {"type":"IDENTITY_BASED_POLICY","inline":true,"uri":"opaque-inline-1","attachedTo":[{"arn":"arn:aws:iam::123456789012:role/orders-fn"}]}]}
        """;

    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new();
    private readonly List<TimeSpan> _waits = [];

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task TwoPages_AreJoined_WithEvaluationsMatchedStatementsAndPoliciesAsDocumented()
    {
        _server.Reply(200, FirstPage).Reply(200, SecondPage);

        var lookup = await Client().GetRequestAuthorizationDetailsAsync(Id, CancellationToken.None);

        var details = Assert.IsType<AuthorizationDetails>(lookup.Details);
        Assert.Equal(1, lookup.Attempts);
        Assert.Equal(["/authorization-details/" + Id, "/authorization-details/" + Id + "?nextToken=page%2F2%2B%3D"], _server.Requests.Select(r => r.PathAndQuery));
        Assert.All(_server.Requests, r => Assert.Contains("/us-east-1/iam/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.Equal("arn:aws:iam::123456789012:role/orders-fn", (string?)details.RequestContext["aws:PrincipalArn"]);
        Assert.True((bool)details.RequestContext["aws:SecureTransport"]!);

        Assert.Equal(2, details.Evaluations.Count);
        var deny = details.Evaluations[0];
        Assert.Equal(("iam:CreateInstanceProfile", "EXPLICIT_DENY"), (deny.Action, deny.EvaluatedEffect));
        Assert.Equal("arn:aws:iam::123456789012:instance-profile/my-instance-profile", deny.Resource);
        Assert.Equal("orders", (string?)deny.Context!["aws:RequestTag/team"]);
        var matched = Assert.Single(deny.MatchedPolicies);
        Assert.Equal("arn:aws:iam::123456789012:policy/ExampleDenyPolicy", matched.Uri);
        Assert.Equal([new AuthorizationMatchedStatement("DenyProfiles", "DENY")], matched.MatchedStatements);
        Assert.Equal(("IMPLICIT_DENY", 0), (details.Evaluations[1].EvaluatedEffect, details.Evaluations[1].MatchedPolicies.Count));

        Assert.Equal(["IDENTITY_BASED_POLICY", "SERVICE_CONTROL_POLICY", "IDENTITY_BASED_POLICY"], details.Policies.Select(p => p.Type));
        Assert.Equal([false, false, true], details.Policies.Select(p => p.Inline));
        Assert.Equal(2, details.Policies[1].AttachedTo.Count);
        Assert.Equal("opaque-inline-1", details.Policies[2].Uri);
    }

    [Fact]
    public async Task NotFoundAtFirst_IsRetriedWithGrowingDelays_UntilTheRecordIsThere()
    {
        _server
            .Reply(404, """{"message":"Authorization details not found"}""", "ResourceNotFoundException")
            .Reply(404, """{"message":"Authorization details not found"}""", "ResourceNotFoundException")
            .Reply(200, SecondPage);

        var lookup = await Client().GetRequestAuthorizationDetailsAsync(Id, CancellationToken.None);

        Assert.NotNull(lookup.Details);
        Assert.Equal(3, lookup.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _waits);
    }

    [Fact]
    public async Task NotFoundOnEveryTry_EndsWithinTheBound_AsNotAvailableWithTheServiceMessage()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Reply(404, """{"message":"The requested authorization details do not exist in this region or have expired."}""", "ResourceNotFoundException");
        }

        var lookup = await Client().GetRequestAuthorizationDetailsAsync(Id, CancellationToken.None);

        Assert.Null(lookup.Details);
        Assert.Equal(5, lookup.Attempts);
        Assert.Equal(5, _server.Requests.Count);
        Assert.Equal([1, 2, 4, 8], _waits.Select(w => w.TotalSeconds));
        Assert.Contains("do not exist in this region", lookup.NotAvailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessDenied_IsNotRetried_AndSurfacesWithItsCode()
    {
        _server.Reply(403, """{"message":"not authorized to perform iam:GetRequestAuthorizationDetails"}""", "AccessDeniedException");

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Client().GetRequestAuthorizationDetailsAsync(Id, CancellationToken.None));

        Assert.Equal(("AccessDeniedException", 403, false), (e.ErrorCode, e.StatusCode, e.IsTransient));
        Assert.Single(_server.Requests);
        Assert.Equal(PolicyReadOutcome.Refused, PolicyReadFailure.Describe("iam:GetRequestAuthorizationDetails", Id, null, e).Outcome);
    }

    [Fact]
    public async Task CapturedPolicy_ComesBackAsTheWholeReply_ForThePolicyUriAsked()
    {
        _server.Reply(200, """{"Version":"2012-10-17","Statement":[{"Sid":"DenyProfiles","Effect":"Deny","Action":"iam:CreateInstanceProfile","Resource":"*"}]}""");

        var reply = await Client().GetRequestAuthorizationPolicyAsync(Id, "arn:aws:iam::123456789012:policy/ExampleDenyPolicy", CancellationToken.None);

        Assert.Equal(
            "/authorization-details/" + Id + "/policy?policyUri=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FExampleDenyPolicy",
            Assert.Single(_server.Requests).PathAndQuery);
        Assert.Same(reply, AccessTroubleshooterClient.CapturedDocument(reply));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""", "root")]
    [InlineData("""{"policyDocument":{"Version":"2012-10-17","Statement":[]},"uri":"x"}""", "policyDocument")]
    [InlineData("""{"a":{"Statement":[]},"b":{"Statement":[]}}""", null)]
    [InlineData("""{"document":"{\"Statement\":[]}"}""", null)]
    public void CapturedDocument_IsTakenOnlyWhereUnambiguous(string reply, string? expected)
    {
        var root = (JsonObject)JsonNode.Parse(reply)!;

        var document = AccessTroubleshooterClient.CapturedDocument(root);

        var found = document is null ? null : ReferenceEquals(document, root) ? "root" : root.First(p => ReferenceEquals(p.Value, document)).Key;
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData("0a1b2c", true)]
    [InlineData("EXAMPLE1a2b3c4d5e6f7g8h9i0j", false)]
    [InlineData("abc/../x", false)]
    [InlineData("", false)]
    public async Task AuthorizationId_OutsideTheDocumentedPattern_IsRefusedBeforeAnyCall(string id, bool valid)
    {
        Assert.Equal(valid, AccessTroubleshooterClient.IsValidAuthorizationId(id));
        if (!valid)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Client().GetRequestAuthorizationDetailsAsync(id, CancellationToken.None));
            Assert.Empty(_server.Requests);
        }
    }

    private AccessTroubleshooterClient Client() => new(
        new AwsEndpointSettings("us-east-1", _server.Endpoint),
        _http,
        new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey),
        retry: TestKeys.Retry([]),
        notFoundRetry: new AwsRetryPolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8))
        {
            Delay = (d, _) =>
            {
                _waits.Add(d);
                return Task.CompletedTask;
            },
        });
}
