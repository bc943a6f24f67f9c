using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Policies;
using Denied.Rendering;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>
/// An evaluation from the IAM Access Troubleshooter applied to a diagnosis (<see cref="Diagnoser.WithEvaluation"/>): the
/// layer, explicit deny, fix target and notes follow AWS's record as they follow our evaluator's; a near miss in a
/// captured customer managed policy is edited, an AWS managed one never.
/// </summary>
public sealed class TroubleshooterDiagnosisTests
{
    private const string ExplicitFixture = "iam-createinstanceprofile-authorization-id.json";
    private const string ImplicitFixture = "iam-getrole-authorization-id-implicit.json";
    private const string Role = "arn:aws:iam::111122223333:role/fleet-provisioner-role";
    private const string DeniedRole = "arn:aws:iam::111122223333:role/fleet-worker";
    private const string CustomerPolicy = "arn:aws:iam::111122223333:policy/fleet-read";
    private const string Scp = "arn:aws:organizations::999999999999:policy/o-aa111bb222/service_control_policy/p-deny1111";

    private static readonly Diagnoser Plain = new(IamCatalog.Default);

    private static string ImplicitReply(string policyArn, string sid = "ReadRoles") => $$$"""
        {"evaluations":[{"action":"iam:GetRole","resource":"{{{DeniedRole}}}","evaluatedEffect":"IMPLICIT_DENY","matchedPolicies":[]}],
         "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"{{{policyArn}}}","attachedTo":[{"arn":"{{{Role}}}"}],
           "document":{"Version":"2012-10-17","Statement":[
             {"Sid":"Logs","Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"},
             {"Sid":{{{System.Text.Json.Nodes.JsonValue.Create(sid).ToJsonString()}}},"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111122223333:role/fleet-other"}]}}]}
        """;

    /// <summary>The fixture; the GetRole one with its request parameters, so the denied role's ARN is known.</summary>
    private static Denied.CloudTrail.CloudTrailRecord RecordOf(string fixture) => fixture == ImplicitFixture
        ? Fixture.Record(fixture, r => r["requestParameters"] = new System.Text.Json.Nodes.JsonObject { ["roleName"] = "fleet-worker" })
        : Fixture.Record(fixture);

    private static Diagnosis Apply(string fixture, string reply)
    {
        var record = RecordOf(fixture);
        var diagnosis = Plain.Diagnose(record);
        var reading = TroubleshooterEvaluation.Read(reply, diagnosis.FixRequest?.Action, diagnosis.FixRequest?.Resource);
        Assert.Null(reading.Failure);
        return Diagnoser.WithEvaluation(diagnosis, record, reading.Evaluation!, reading.Documents);
    }

    [Fact]
    public void ExplicitDenyInAnScp_MovesTheLayerAndFixFromTheMessagesIdentityPolicy()
    {
        var reply = $$"""
            {"evaluations":[{"action":"iam:CreateInstanceProfile","resource":"arn:aws:iam::111122223333:instance-profile/my-instance-profile","evaluatedEffect":"EXPLICIT_DENY",
               "matchedPolicies":[{"uri":"{{Scp}}","matchedStatements":[{"sid":"DenyIamWrites","evaluatedEffect":"DENY"}]}]}],
             "policies":[{"type":"SERVICE_CONTROL_POLICY","inline":false,"uri":"{{Scp}}","attachedTo":[{"arn":"arn:aws:organizations::999999999999:account/o-aa111bb222/111122223333"}]}]}
            """;
        Assert.Equal(DenialLayer.IdentityPolicy, Plain.Diagnose(Fixture.Record(ExplicitFixture)).Layer);

        var diagnosis = Apply(ExplicitFixture, reply);

        Assert.Equal(PolicyEvaluation.AccessTroubleshooterSource, diagnosis.Evaluation!.Source);
        Assert.Equal((DenialLayer.ServiceControlPolicy, true), (diagnosis.FixRequest!.Layer, diagnosis.ExplicitDeny));
        Assert.Equal(DenialLayer.ServiceControlPolicy, diagnosis.FixRequest.Layer);
        Assert.NotEqual(FixTarget.ExecutionRole, diagnosis.Fix!.Target);
        Assert.Contains(diagnosis.Notes, n => n.Contains($"Statement \"DenyIamWrites\" of SCP {Scp} denies it", StringComparison.Ordinal) && n.Contains("organization's management account", StringComparison.Ordinal));
        Assert.Contains(diagnosis.Notes, n => n.Contains("the IAM Access Troubleshooter's record puts the denial in the service-control-policy", StringComparison.Ordinal));
    }

    [Fact]
    public void ImplicitDenyWithACapturedCustomerManagedNearMiss_EditsThatStatementWithTheWholeDocument()
    {
        var diagnosis = Apply(ImplicitFixture, ImplicitReply(CustomerPolicy));

        Assert.Equal((DenialLayer.IdentityPolicy, false), (diagnosis.Layer, diagnosis.ExplicitDeny));
        var miss = Assert.Single(diagnosis.Evaluation!.Result.Statements);
        Assert.Equal((false, "ReadRoles", 1, "resource"), (miss.Decisive, miss.Reference.Sid, miss.Reference.Index, Assert.Single(miss.Mismatch)));
        var edit = diagnosis.FixRequest!.StatementEdit!;
        Assert.Equal((CustomerPolicy, "ReadRoles", "Resource", DeniedRole), (edit.PolicyArn, edit.Sid, edit.Element, edit.Added));
        Assert.Contains("logs:PutLogEvents", edit.EditedDocument, StringComparison.Ordinal);
        Assert.Contains(diagnosis.Fix!.Commands, c => c.StartsWith($"aws iam create-policy-version --policy-arn {CustomerPolicy} --set-as-default", StringComparison.Ordinal) && c.Contains(DeniedRole, StringComparison.Ordinal));
        Assert.Contains(diagnosis.Notes, n => n.Contains("The IAM Access Troubleshooter recorded an implicit deny: the identity-policy lacks the Allow", StringComparison.Ordinal));
    }

    [Fact]
    public void ImplicitDenyWithAnAwsManagedNearMiss_IsNeverEdited_TheStatementGoesInTheRolesOwnPolicy()
    {
        var diagnosis = Apply(ImplicitFixture, ImplicitReply("arn:aws:iam::aws:policy/IAMReadOnlyAccessNarrow"));

        Assert.Null(diagnosis.FixRequest!.StatementEdit);
        Assert.Equal(FixTarget.ExecutionRole, diagnosis.Fix!.Target);
        Assert.DoesNotContain(diagnosis.Fix.Commands, c => c.Contains("create-policy-version", StringComparison.Ordinal));
        Assert.Contains(diagnosis.Notes, n => n.Contains("AWS managed policies cannot be edited", StringComparison.Ordinal));
    }

    [Fact]
    public void ImplicitDenyWhoseLackingLayerIsNotGiven_SaysSo_AndKeepsTheMessagesLayer()
    {
        var reply = $$"""
            {"evaluations":[{"action":"iam:GetRole","resource":"{{DeniedRole}}","evaluatedEffect":"IMPLICIT_DENY",
               "matchedPolicies":[{"uri":"{{CustomerPolicy}}","matchedStatements":[{"sid":"All","evaluatedEffect":"ALLOW"}]}]}],
             "policies":[{"type":"IDENTITY_BASED_POLICY","inline":false,"uri":"{{CustomerPolicy}}"}]}
            """;

        var diagnosis = Apply(ImplicitFixture, reply);

        Assert.Null(diagnosis.Evaluation!.Result.Layer);
        Assert.Equal(DenialLayer.IdentityPolicy, diagnosis.Layer);
        Assert.Contains(diagnosis.Notes, n => n.Contains("its record does not say which layer lacks the Allow", StringComparison.Ordinal));
    }

    [Fact]
    public void ADiagnosisThatAlreadyCarriesAnEvaluation_IsRefused()
    {
        var record = RecordOf(ImplicitFixture);
        var reading = TroubleshooterEvaluation.Read(ImplicitReply(CustomerPolicy), "iam:GetRole", DeniedRole);
        var once = Diagnoser.WithEvaluation(Plain.Diagnose(record), record, reading.Evaluation!, reading.Documents);

        Assert.Throws<ArgumentException>(() => Diagnoser.WithEvaluation(once, record, reading.Evaluation!, reading.Documents));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\u001b[31mred\u001b[0m")]
    [InlineData("line\nbreak | `tick` [link](http://x) <@here>")]
    public void HostileSidFromTheReply_IsEscapedInTextMarkdownAndHtml(string sid)
    {
        var diagnosis = Apply(ImplicitFixture, ImplicitReply(CustomerPolicy, sid));
        Assert.Contains(diagnosis.Notes, n => n.Contains(sid, StringComparison.Ordinal));

        using var text = new StringWriter();
        DiagnosisTextRenderer.Render(diagnosis, text);
        using var markdown = new StringWriter();
        DiagnosisMarkdownRenderer.Render(diagnosis, markdown);
        using var html = new StringWriter();
        FindingsHtmlRenderer.Render(new FindingsHtmlRenderer.Report("t", null, [new FindingsTableRenderer.Row("id", 1, DateTimeOffset.UnixEpoch, null, diagnosis, [])], []), html);

        foreach (var (format, output) in new[] { ("text", text.ToString()), ("markdown", markdown.ToString()), ("html", html.ToString()) })
        {
            Assert.False(output.Contains('\u001b', StringComparison.Ordinal), $"{format} passes an ANSI escape through");
            Assert.False(output.Contains("line\nbreak", StringComparison.Ordinal), $"{format} lets a Sid break the line");
        }

        Assert.DoesNotContain("<script>alert", html.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<@here>", html.ToString(), StringComparison.Ordinal);
        // Outside code blocks (where the edited document is shown verbatim) markdown carries no live markup.
        var prose = MarkdownOutsideCode(markdown.ToString());
        Assert.DoesNotContain("<script>alert", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("[link](http://x)", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<@here>", prose, StringComparison.Ordinal);
    }

    private static string MarkdownOutsideCode(string markdown)
    {
        var inside = false;
        var kept = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inside = !inside;
            else if (!inside) kept.Add(line);
        }

        return string.Join('\n', kept);
    }
}
