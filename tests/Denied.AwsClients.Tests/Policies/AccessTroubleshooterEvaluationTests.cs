using Denied.AwsClients.Policies;
using Denied.Diagnostics;
using Denied.Policies;
using Denied.Remediation;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// AccessTroubleshooterEvaluation over real HTTP against a loopback server answering with the documented reply shapes
/// of GetRequestAuthorizationDetails and GetRequestAuthorizationPolicy (IAM Toolbox API reference). The requests are
/// the ones whose signed bytes PolicyClientsSigningTests compares with botocore's; here their paths and order are asserted.
/// </summary>
public sealed class AccessTroubleshooterEvaluationTests : IDisposable
{
    private const string Id = "k3m9x2p7q4w8z1v6";
    private const string DenyPolicy = "arn:aws:iam::111122223333:policy/DenyOutsideVpce";
    private const string Object = "arn:aws:s3:::orders-data/in/1.json";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private const string Details = """
        {"requestContext":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/orders-fn"},
         "evaluations":[{"action":"s3:GetObject","resource":"arn:aws:s3:::orders-data/in/1.json","evaluatedEffect":"EXPLICIT_DENY",
           "matchedPolicies":[{"uri":"arn:aws:iam::111122223333:policy/DenyOutsideVpce","matchedStatements":[{"sid":"DenyOutsideVpce","evaluatedEffect":"DENY"}]}]}],
         "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::111122223333:policy/DenyOutsideVpce","attachedTo":[{"arn":"arn:aws:iam::111122223333:role/orders-fn"}]}]}
        """;

    private const string Document = """
        {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"DenyOutsideVpce","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0000"}}}]}
        """;

    private const string NotFound = """{"message":"The requested authorization details do not exist in this region or have expired."}""";

    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new();
    private readonly List<TimeSpan> _waits = [];

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task FoundOnTheFirstTry_GivesAwsEvaluation_WithTheStatementIndexedFromTheCapturedDocument()
    {
        _server.Reply(200, Details).Reply(200, Document);

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Null(outcome.Note);
        var evaluation = outcome.Evaluation!;
        Assert.Equal((PolicyEvaluation.AccessTroubleshooterSource, PolicyDecision.ExplicitDeny, DenialLayer.IdentityPolicy), (evaluation.Source, evaluation.Result.Decision, evaluation.Result.Layer));
        var statement = Assert.Single(evaluation.Result.Statements);
        Assert.Equal(("DenyOutsideVpce", 1, DenyPolicy, true), (statement.Reference.Sid, statement.Reference.Index, statement.Reference.Source.PolicyArn, statement.Decisive));
        Assert.Equal(DenyPolicy, Assert.Single(outcome.Documents).Source.PolicyArn);
        Assert.Equal(
            [("GET", "/authorization-details/" + Id), ("GET", "/authorization-details/" + Id + "/policy?policyUri=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2FDenyOutsideVpce")],
            _server.Requests.Select(r => (r.Method, r.PathAndQuery)));
        // Asked in the denial's region, signed for IAM.
        Assert.All(_server.Requests, r => Assert.Contains("/eu-west-1/iam/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task NotFoundAtFirst_IsAskedAgainAfterGrowingDelays_ThenEvaluated()
    {
        _server.Reply(404, NotFound, "ResourceNotFoundException").Reply(404, NotFound, "ResourceNotFoundException").Reply(200, Details).Reply(200, Document);

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Equal(PolicyDecision.ExplicitDeny, outcome.Evaluation!.Result.Decision);
        Assert.Equal([1, 2], _waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task NotFoundUntilTheBound_FallsBack_WithANoteSayingSo()
    {
        for (var i = 0; i < 5; i++) _server.Reply(404, NotFound, "ResourceNotFoundException");

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Null(outcome.Evaluation);
        Assert.Equal(5, _server.Requests.Count);
        Assert.Equal([1, 2, 4, 8], _waits.Select(w => w.TotalSeconds));
        Assert.Contains("not available after 5 tries", outcome.Note, StringComparison.Ordinal);
        Assert.StartsWith("The IAM Access Troubleshooter was not used: ", outcome.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessDeniedOnTheTroubleshooterItself_FallsBack_NamingThePermission()
    {
        _server.Reply(403, """{"message":"not authorized to perform iam:GetRequestAuthorizationDetails"}""", "AccessDeniedException");

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Null(outcome.Evaluation);
        Assert.Single(_server.Requests);
        Assert.Contains("may not call iam:GetRequestAuthorizationDetails", outcome.Note, StringComparison.Ordinal);
        Assert.Equal(PolicyReadOutcome.Refused, Assert.Single(outcome.Reads).Outcome);
    }

    [Fact]
    public async Task ThrottlingBeyondTheRetries_FallsBack()
    {
        for (var i = 0; i < 4; i++) _server.Reply(429, """{"message":"Rate exceeded"}""", "ThrottlingException");

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Null(outcome.Evaluation);
        Assert.Contains("ThrottlingException", outcome.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedReply_FallsBack_SayingWhy()
    {
        _server.Reply(200, """{"evaluations":[{"action":"s3:GetObject","evaluatedEffect":"SOMETIMES"}],"policies":[]}""");

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        Assert.Null(outcome.Evaluation);
        Assert.Contains("unknown evaluatedEffect: SOMETIMES", outcome.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedPolicyDocument_KeepsTheEvaluation_ByIdOnly_AndSaysWhichDocumentIsMissing()
    {
        _server.Reply(200, Details).Reply(403, """{"message":"no iam:GetRequestAuthorizationPolicy"}""", "AccessDeniedException");

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        var statement = Assert.Single(outcome.Evaluation!.Result.Statements);
        Assert.Equal(("DenyOutsideVpce", (int?)null), (statement.Reference.Sid, statement.Reference.Index));
        Assert.Contains(outcome.Notes, n => n.Contains(DenyPolicy, StringComparison.Ordinal) && n.Contains("AccessDeniedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyPolicies_AtMostTheBoundOfDocumentsIsAskedFor_TheMatchedOneFirst()
    {
        var others = Enumerable.Range(0, 12).Select(i => $$"""{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::111122223333:policy/p{{i}}"}""");
        var details = Details.Replace("\"policies\":[", "\"policies\":[" + string.Join(",", others) + ",", StringComparison.Ordinal);
        _server.Reply(200, details);
        for (var i = 0; i < AccessTroubleshooterEvaluation.MaxPolicyDocuments; i++) _server.Reply(200, Document);

        var outcome = await Evaluation().EvaluateAsync(Denial(), CancellationToken.None);

        var policyCalls = _server.Requests.Where(r => r.PathAndQuery.Contains("/policy?", StringComparison.Ordinal)).ToList();
        Assert.Equal(AccessTroubleshooterEvaluation.MaxPolicyDocuments, policyCalls.Count);
        Assert.Contains(policyCalls, r => r.PathAndQuery.EndsWith("DenyOutsideVpce", StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(outcome.Evaluation!.Result.Statements).Reference.Index);
        Assert.Contains(outcome.Notes, n => n.Contains("names 13 policies; the documents of 10 were asked for", StringComparison.Ordinal));
    }

    public static TheoryData<string?, string?, string, string> Skips => new()
    {
        { null, "eu-west-1", "2026-12-07T05:00:00Z", "carries no authorization ID" },
        { "EXAMPLE1a2b", "eu-west-1", "2026-12-07T05:00:00Z", "not of the documented form" },
        { Id, null, "2026-12-07T05:00:00Z", "names no region" },
        { Id, "eu-west-1", "2026-12-06T05:59:59Z", "more than 24 hours old" },
    };

    [Theory]
    [MemberData(nameof(Skips))]
    public async Task NothingToAskOrTooOld_IsSkippedWithoutAnyRequest(string? id, string? region, string eventTime, string reason)
    {
        var outcome = await Evaluation().EvaluateAsync(Denial() with { AuthorizationId = id, Region = region, EventTime = eventTime }, CancellationToken.None);

        Assert.Null(outcome.Evaluation);
        Assert.Contains(reason, outcome.Note, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.Empty(outcome.Reads);
    }

    private static Diagnosis Denial() => new()
    {
        EventTime = "2026-12-07T05:00:00Z",
        Region = "eu-west-1",
        Denied = true,
        AuthorizationId = Id,
        Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, "arn:aws:sts::111122223333:assumed-role/orders-fn/orders-fn", "arn:aws:iam::111122223333:role/orders-fn", "orders-fn"),
        FixRequest = new FixRequest { Action = "s3:GetObject", Resource = Object, Layer = DenialLayer.IdentityPolicy },
    };

    private AccessTroubleshooterEvaluation Evaluation() => new(
        region => new AccessTroubleshooterClient(
            new AwsEndpointSettings(region, _server.Endpoint),
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
            }),
        new FixedClock(Now));
}
