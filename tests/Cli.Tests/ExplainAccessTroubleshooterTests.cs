using System.Text.Json;
using Cli.Tests.Support;
using Denied.AwsClients;
using Denied.AwsClients.Policies;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// `denied explain --access-troubleshooter` end to end over a loopback server serving the Troubleshooter's documented
/// replies: the evaluation (source access-troubleshooter) decides the layer and fix; a refusal or an old denial falls
/// back to the usual diagnosis with a note.
/// </summary>
public sealed class ExplainAccessTroubleshooterTests : IDisposable
{
    private const string Id = "k7q2m9x4p1w8z3v6b5n0";
    private const string Policy = "arn:aws:iam::111122223333:policy/inventory-provisioning";
    private const string Profile = "arn:aws:iam::111122223333:instance-profile/inventory-workers";
    private static readonly DateTimeOffset SoonAfter = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly JsonSchemaValidator DiagnosisSchema = JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", "diagnosis.schema.json"));

    private const string Details = """
        {"requestContext":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/service/inventory-sync-role"},
         "evaluations":[{"action":"iam:CreateInstanceProfile","resource":"arn:aws:iam::111122223333:instance-profile/inventory-workers","evaluatedEffect":"IMPLICIT_DENY","matchedPolicies":[]}],
         "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::111122223333:policy/inventory-provisioning","attachedTo":[{"arn":"arn:aws:iam::111122223333:role/service/inventory-sync-role"}]}]}
        """;

    private const string Document = """
        {"Version":"2012-10-17","Statement":[{"Sid":"Profiles","Effect":"Allow","Action":"iam:CreateInstanceProfile","Resource":"arn:aws:iam::111122223333:instance-profile/build-*"}]}
        """;

    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public void RecentDenialWithAnAuthorizationId_IsEvaluatedByTheTroubleshooter_AndTheFixEditsTheCapturedStatement()
    {
        _server.Reply(200, Details).Reply(200, Document);

        var result = Explain(SoonAfter);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Empty(DiagnosisSchema.Validate(doc.RootElement));
        var evaluation = doc.RootElement.GetProperty("evaluation");
        Assert.Equal(("access-troubleshooter", "implicit-deny", "identity-policy"), (evaluation.GetProperty("source").GetString(), evaluation.GetProperty("decision").GetString(), evaluation.GetProperty("layer").GetString()));
        var miss = Assert.Single(evaluation.GetProperty("statements").EnumerateArray());
        Assert.Equal(("Profiles", 0, Policy, false), (miss.GetProperty("sid").GetString(), miss.GetProperty("index").GetInt32(), miss.GetProperty("policyArn").GetString(), miss.GetProperty("decisive").GetBoolean()));
        Assert.Equal("resource", Assert.Single(miss.GetProperty("mismatch").EnumerateArray()).GetString());
        var commands = doc.RootElement.GetProperty("fix").GetProperty("commands").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(commands, c => c.StartsWith($"aws iam create-policy-version --policy-arn {Policy}", StringComparison.Ordinal) && c.Contains(Profile, StringComparison.Ordinal));
        Assert.Equal(["/authorization-details/" + Id, "/authorization-details/" + Id + "/policy?policyUri=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2Finventory-provisioning"], _server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public void TroubleshooterRefused_FallsBackToTheMessage_WithANote()
    {
        _server.Reply(403, """{"message":"not authorized to perform iam:GetRequestAuthorizationDetails"}""", "AccessDeniedException");

        var result = Explain(SoonAfter);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.False(doc.RootElement.TryGetProperty("evaluation", out var e) && e.ValueKind != JsonValueKind.Null);
        Assert.Equal("identity-policy", doc.RootElement.GetProperty("layer").GetString());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("may not call iam:GetRequestAuthorizationDetails", StringComparison.Ordinal));
    }

    [Fact]
    public void DenialOlderThanTheWindow_AsksNothing_AndSaysWhy()
    {
        var result = Explain(SoonAfter.AddDays(2));

        Assert.Empty(_server.Requests);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("more than 24 hours old", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheBuiltProgram_HasTheOption()
    {
        var result = await Run.ProgramAsync([], "explain", "--help");

        Assert.Contains("--access-troubleshooter", result.StdOut, StringComparison.Ordinal);
    }

    private Run.Result Explain(DateTimeOffset now)
    {
        var clock = new FixedClock(now);
        var step = new AccessTroubleshooterStep(new AccessTroubleshooterEvaluation(
            region => new AccessTroubleshooterClient(new AwsEndpointSettings(region, _server.Endpoint), _http, new StaticAwsCredentialsSource("AKIDEXAMPLE", "secret"), clock),
            clock));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExplainCommand.Run(Run.Sample("iam-authorization-id-implicit"), OutputFormat.Json, null, stdout, stderr, troubleshooter: step);
        return new Run.Result(code, stdout.ToString(), stderr.ToString());
    }
}
