using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>
/// The IAM Access Troubleshooter's reply (GetRequestAuthorizationDetails, IAM Toolbox API reference: evaluations[] with
/// action, resource, evaluatedEffect, matchedPolicies[].matchedStatements[] with sid and evaluatedEffect; policies[]
/// with type, inline, uri, attachedTo[].arn), with the documents GetRequestAuthorizationPolicy captured as `denied
/// policies collect` stores them, read as an evaluation.
/// </summary>
public sealed class TroubleshooterEvaluationTests
{
    private const string Role = "arn:aws:iam::111122223333:role/orders-fn";
    private const string Action = "s3:GetObject";
    private const string Object = "arn:aws:s3:::orders-data/in/1.json";
    private const string DenyPolicy = "arn:aws:iam::111122223333:policy/DenyOutsideVpce";
    private const string ReadPolicy = "arn:aws:iam::111122223333:policy/orders-read";
    private const string Scp = "arn:aws:organizations::999999999999:policy/o-aa111bb222/service_control_policy/p-deny1111";
    private const string FullAccessScp = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
    private const string Boundary = "arn:aws:iam::111122223333:policy/boundary";
    private const string OrgRoot = "arn:aws:organizations::999999999999:root/o-aa111bb222/r-a1b2";
    private const string OrgAccount = "arn:aws:organizations::999999999999:account/o-aa111bb222/111122223333";

    private static string Identity(string uri, bool inline = false, string? document = null) =>
        $$"""{"type":"IDENTITY_BASED_POLICY","inline":{{(inline ? "true" : "false")}},"uri":"{{uri}}","attachedTo":[{"arn":"{{Role}}"}]{{(document is null ? "" : ",\"document\":" + document)}}}""";

    private static string Typed(string type, string uri, params string[] attachedTo) =>
        $$"""{"type":"{{type}}","inline":false,"uri":"{{uri}}","attachedTo":[{{string.Join(",", attachedTo.Select(a => $$"""{"arn":"{{a}}"}"""))}}]}""";

    private static string Matched(string uri, params (string? Sid, string Effect)[] statements) =>
        $$"""{"uri":"{{uri}}","matchedStatements":[{{string.Join(",", statements.Select(s => s.Sid is null ? $$"""{"evaluatedEffect":"{{s.Effect}}"}""" : $$"""{"sid":"{{s.Sid}}","evaluatedEffect":"{{s.Effect}}"}"""))}}]}""";

    private static string Reply(string effect, string[] matched, string[] policies, string action = Action, string resource = Object) =>
        $$"""
        {"authorizationId":"0a1b2c3d","requestContext":{"aws:PrincipalArn":"{{Role}}"},
         "evaluations":[{"action":"{{action}}","resource":"{{resource}}","context":{},"evaluatedEffect":"{{effect}}","matchedPolicies":[{{string.Join(",", matched)}}]}],
         "policies":[{{string.Join(",", policies)}}]}
        """;

    private const string DenyDocument = """{"Version":"2012-10-17","Statement":[{"Sid":"AllowRead","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"DenyOutsideVpce","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0000"}}}]}""";

    public static TheoryData<string, string, string, string?, string?, int?, string?> Replies => new()
    {
        {
            "explicit deny in an identity policy: the Deny decides, indexed from the captured document",
            Reply("EXPLICIT_DENY", [Matched(DenyPolicy, ("AllowRead", "ALLOW"), ("DenyOutsideVpce", "DENY"))], [Identity(DenyPolicy, document: DenyDocument)]),
            "explicit-deny", "identity-policy", DenyPolicy, 1, "DenyOutsideVpce"
        },
        {
            "explicit deny without a captured document: Sid only, no index",
            Reply("EXPLICIT_DENY", [Matched(DenyPolicy, ("DenyOutsideVpce", "DENY"))], [Identity(DenyPolicy)]),
            "explicit-deny", "identity-policy", DenyPolicy, null, "DenyOutsideVpce"
        },
        {
            "explicit deny in an SCP",
            Reply("EXPLICIT_DENY", [Matched(FullAccessScp, ("FullAWSAccess", "ALLOW")), Matched(Scp, ("DenyS3", "DENY"))],
                [Typed("SERVICE_CONTROL_POLICY", FullAccessScp, OrgRoot, OrgAccount), Typed("SERVICE_CONTROL_POLICY", Scp, OrgAccount)]),
            "explicit-deny", "service-control-policy", Scp, null, "DenyS3"
        },
        {
            "explicit deny in a resource policy: named by the resource it is attached to",
            Reply("EXPLICIT_DENY", [Matched("bucket-policy-1", ("DenyOthers", "DENY"))], [Typed("RESOURCE_BASED_POLICY", "bucket-policy-1", "arn:aws:s3:::orders-data")]),
            "explicit-deny", "resource-policy", null, null, "DenyOthers"
        },
        {
            "explicit deny in an inline policy: its uri is an opaque id, not a name",
            Reply("EXPLICIT_DENY", [Matched("opaque-inline-1", ("Deny", "DENY"))], [Identity("opaque-inline-1", inline: true)]),
            "explicit-deny", "identity-policy", null, null, "Deny"
        },
        {
            "implicit deny with no matching Allow: the identity policies lack it",
            Reply("IMPLICIT_DENY", [Matched(FullAccessScp, ("FullAWSAccess", "ALLOW"))], [Identity(ReadPolicy), Typed("SERVICE_CONTROL_POLICY", FullAccessScp, OrgRoot, OrgAccount)]),
            "implicit-deny", "identity-policy", null, null, null
        },
        {
            "implicit deny where one SCP target has no Allow (an allow-list SCP on the account)",
            Reply("IMPLICIT_DENY", [Matched(FullAccessScp, ("FullAWSAccess", "ALLOW")), Matched(ReadPolicy, ("Read", "ALLOW"))],
                [Identity(ReadPolicy), Typed("SERVICE_CONTROL_POLICY", FullAccessScp, OrgRoot), Typed("SERVICE_CONTROL_POLICY", Scp, OrgAccount)]),
            "implicit-deny", "service-control-policy", null, null, null
        },
        {
            "implicit deny by the permissions boundary",
            Reply("IMPLICIT_DENY", [Matched(ReadPolicy, ("Read", "ALLOW"))], [Identity(ReadPolicy), Typed("PERMISSIONS_BOUNDARY", Boundary, Role)]),
            "implicit-deny", "permissions-boundary", null, null, null
        },
        {
            "explicit deny in the permissions boundary",
            Reply("EXPLICIT_DENY", [Matched(Boundary, ("NoS3", "DENY"))], [Identity(ReadPolicy), Typed("PERMISSIONS_BOUNDARY", Boundary, Role)]),
            "explicit-deny", "permissions-boundary", Boundary, null, "NoS3"
        },
        {
            "allowed: the matched Allows decide",
            Reply("ALLOW", [Matched(ReadPolicy, ("Read", "ALLOW"))], [Identity(ReadPolicy)]),
            "allowed", null, ReadPolicy, null, "Read"
        },
        {
            "unknown and extra members are ignored",
            """
            {"requestContext":{},"future":{"x":1},"evaluations":[{"action":"S3:GETOBJECT","resource":"arn:aws:s3:::orders-data/in/1.json","evaluatedEffect":"EXPLICIT_DENY","newField":[1,2],
              "matchedPolicies":[{"uri":"arn:aws:iam::111122223333:policy/DenyOutsideVpce","rank":1,"matchedStatements":[{"sid":"DenyOutsideVpce","evaluatedEffect":"DENY","extra":true}]}]}],
             "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"arn:aws:iam::111122223333:policy/DenyOutsideVpce","attachedTo":[{"arn":"arn:aws:iam::111122223333:role/orders-fn","kind":"role"}],"versionId":"v3"}],
             "nextToken":null}
            """,
            "explicit-deny", "identity-policy", DenyPolicy, null, "DenyOutsideVpce"
        },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void DocumentedReply_GivesTheDecisionLayerAndDecidingStatement(string shape, string reply, string decision, string? layer, string? policyArn, int? index, string? sid)
    {
        var reading = TroubleshooterEvaluation.Read(reply, Action, Object);

        Assert.True(reading.Failure is null, shape + ": " + reading.Failure);
        var evaluation = reading.Evaluation!;
        Assert.Equal(PolicyEvaluation.AccessTroubleshooterSource, evaluation.Source);
        Assert.Equal(decision, evaluation.Result.DecisionCode);
        Assert.Equal(layer, evaluation.Result.Layer is { } l ? Codes.Of(l) : null);
        Assert.Empty(evaluation.Result.Unseen);
        if (sid is null)
        {
            // An implicit deny has no deciding statement; matched Allows elsewhere are no near misses.
            Assert.Empty(evaluation.Result.Statements);
            return;
        }

        var statement = Assert.Single(evaluation.Result.Statements);
        Assert.True(statement.Decisive);
        Assert.Equal((sid, index, policyArn), (statement.Reference.Sid, statement.Reference.Index, statement.Reference.Source.PolicyArn));
        Assert.Null(statement.Reference.Source.PolicyName);
        Assert.Empty(statement.Mismatch);
    }

    [Fact]
    public void ResourcePolicyStatement_IsNamedByTheResourceItIsAttachedTo()
    {
        var reply = Reply("EXPLICIT_DENY", [Matched("bucket-policy-1", ("DenyOthers", "DENY"))], [Typed("RESOURCE_BASED_POLICY", "bucket-policy-1", "arn:aws:s3:::orders-data")]);

        var source = Assert.Single(TroubleshooterEvaluation.Read(reply, Action, Object).Evaluation!.Result.Statements).Reference.Source;

        Assert.Equal(new PolicySource(DenialLayer.ResourcePolicy, ResourceArn: "arn:aws:s3:::orders-data"), source);
    }

    [Fact]
    public void CapturedDocuments_AreGivenForPoliciesNamedByArn_NotForInlineOnes()
    {
        var reply = Reply("IMPLICIT_DENY", [], [Identity(ReadPolicy, document: DenyDocument), Identity("opaque-inline-1", inline: true, document: DenyDocument)]);

        var reading = TroubleshooterEvaluation.Read(reply, Action, Object);

        var document = Assert.Single(reading.Documents);
        Assert.Equal(new PolicySource(DenialLayer.IdentityPolicy, PolicyArn: ReadPolicy), document.Source);
        Assert.Equal(2, document.Document.Statements.Count);
    }

    [Fact]
    public void StatementWithoutSid_KeepsSidAndIndexNull()
    {
        var reply = Reply("EXPLICIT_DENY", [Matched(DenyPolicy, (null, "DENY"))], [Identity(DenyPolicy, document: DenyDocument)]);

        var reference = Assert.Single(TroubleshooterEvaluation.Read(reply, Action, Object).Evaluation!.Result.Statements).Reference;

        Assert.Equal((null, null), (reference.Sid, reference.Index));
    }

    [Fact]
    public void SeveralEvaluations_TheOneOfTheDeniedActionAndResourceIsUsed()
    {
        var reply = """
            {"evaluations":[
              {"action":"s3:GetObject","resource":"arn:aws:s3:::other/x","evaluatedEffect":"ALLOW","matchedPolicies":[]},
              {"action":"kms:Decrypt","resource":"arn:aws:kms:us-east-1:111122223333:key/k","evaluatedEffect":"EXPLICIT_DENY","matchedPolicies":[]},
              {"action":"s3:GetObject","resource":"arn:aws:s3:::orders-data/in/1.json","evaluatedEffect":"IMPLICIT_DENY","matchedPolicies":[]}],
             "policies":[]}
            """;

        Assert.Equal(PolicyDecision.ImplicitDeny, TroubleshooterEvaluation.Read(reply, Action, Object).Evaluation!.Result.Decision);
        Assert.Equal(PolicyDecision.ExplicitDeny, TroubleshooterEvaluation.Read(reply, "kms:Decrypt", null).Evaluation!.Result.Decision);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"evaluations":{},"policies":[]}""", "not a list of objects")]
    [InlineData("""{"evaluations":[1],"policies":[]}""", "not a list of objects")]
    [InlineData("""{"evaluations":[],"policies":[]}""", "no evaluation of s3:GetObject")]
    [InlineData("""{"evaluations":[{"action":"s3:PutObject","evaluatedEffect":"EXPLICIT_DENY"}]}""", "no evaluation of s3:GetObject")]
    [InlineData("""{"evaluations":[{"action":"s3:GetObject","evaluatedEffect":"MAYBE"}]}""", "unknown evaluatedEffect: MAYBE")]
    [InlineData("""{"evaluations":[{"action":"s3:GetObject"}]}""", "unknown evaluatedEffect: (none)")]
    [InlineData("""{"evaluations":[{"action":"s3:GetObject","evaluatedEffect":"EXPLICIT_DENY","matchedPolicies":"x"}]}""", "matchedPolicies member that is not a list")]
    [InlineData("""{"evaluations":[{"action":"s3:GetObject","evaluatedEffect":"EXPLICIT_DENY","matchedPolicies":[{"uri":"u","matchedStatements":[{"sid":"s","evaluatedEffect":"NOPE"}]}]}]}""", "matched statement has an unknown evaluatedEffect")]
    public void MalformedReply_IsAFailureSayingWhy_NeverAnException(string reply, string reason)
    {
        var reading = TroubleshooterEvaluation.Read(reply, Action, Object);

        Assert.Null(reading.Evaluation);
        Assert.Contains(reason, reading.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableCapturedDocument_IsNamedInTheNotes_AndTheStatementKeepsItsSid()
    {
        var reply = Reply("EXPLICIT_DENY", [Matched(DenyPolicy, ("DenyOutsideVpce", "DENY"))], [Identity(DenyPolicy, document: """{"Statement":[{"Effect":"Maybe"}]}""")]);

        var reading = TroubleshooterEvaluation.Read(reply, Action, Object);

        Assert.Equal("DenyOutsideVpce", Assert.Single(reading.Evaluation!.Result.Statements).Reference.Sid);
        Assert.Contains(DenyPolicy, Assert.Single(reading.Notes), StringComparison.Ordinal);
        Assert.Empty(reading.Documents);
    }
}
