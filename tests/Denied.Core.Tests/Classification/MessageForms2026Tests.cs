using Denied.Classification;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;

namespace Denied.Core.Tests.Classification;

/// <summary>
/// The message forms checked in December 2026: IAM's authorization-ID sentence (IAM UG "Troubleshoot access denied
/// errors with an authorization ID"), the implicit SCP wording, and errors with an access-denied code that are not IAM.
/// </summary>
public sealed class MessageForms2026Tests
{
    private const string Role = "arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn";
    private const string Suffix = ". Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/EXAMPLE1a2b3c4d5e6f7g8h9i0j for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: EXAMPLE1a2b3c4d5e6f7g8h9i0j";
    private const string Id = "EXAMPLE1a2b3c4d5e6f7g8h9i0j";

    private static readonly Diagnoser Diagnoser = new(IamCatalog.Default);

    // message, resource, policy type, explicit, policy ARN, authorization ID
    public static TheoryData<string, string?, string?, bool?, string?, string?> AuthorizationIdMessages => new()
    {
        // The IAM UG's own example: explicit, identity-based, with the policy ARN before ". Go to".
        { "User: arn:aws:iam::123456789012:user/janedoe is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/my-instance-profile with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy" + Suffix,
            "arn:aws:iam::123456789012:instance-profile/my-instance-profile", "identity-based policy", true, "arn:aws:iam::123456789012:policy/ExampleDenyPolicy", Id },
        // Implicit, no ARN.
        { $"User: {Role} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/ because no identity-based policy allows the iam:ListRoles action" + Suffix,
            "arn:aws:iam::111122223333:role/", "identity-based policy", false, null, Id },
        // Implicit with an ARN (boundary).
        { $"User: {Role} is not authorized to perform: iam:GetRole on resource: arn:aws:iam::111122223333:role/x because no permissions boundary allows the iam:GetRole action: arn:aws:iam::111122223333:policy/Boundary" + Suffix,
            "arn:aws:iam::111122223333:role/x", "permissions boundary", false, "arn:aws:iam::111122223333:policy/Boundary", Id },
        // SCP with its ARN.
        { $"User: {Role} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/u with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp01" + Suffix,
            "arn:aws:iam::111122223333:user/u", "service control policy", true, "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp01", Id },
        // Inside boto3's wrapper, lower-case id as the API documents.
        { $"An error occurred (AccessDenied) when calling the GetRole operation: User: {Role} is not authorized to perform: iam:GetRole on resource: role fleet-worker because no identity-based policy allows the iam:GetRole action. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/k3m9x2p7 for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: k3m9x2p7",
            "fleet-worker", "identity-based policy", false, null, "k3m9x2p7" },
        // No "because" clause at all.
        { $"User: {Role} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/app" + Suffix,
            "arn:aws:iam::111122223333:role/app", null, null, null, Id },
        // Only the console link (the id is read from it).
        { $"User: {Role} is not authorized to perform: iam:TagRole on resource: arn:aws:iam::111122223333:role/app with an explicit deny in an identity-based policy. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/abc123 for complete details.",
            "arn:aws:iam::111122223333:role/app", "identity-based policy", true, null, "abc123" },
        // Without the suffix nothing changes.
        { $"User: {Role} is not authorized to perform: iam:TagRole on resource: arn:aws:iam::111122223333:role/app with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/P",
            "arn:aws:iam::111122223333:role/app", "identity-based policy", true, "arn:aws:iam::111122223333:policy/P", null },
    };

    [Theory]
    [MemberData(nameof(AuthorizationIdMessages))]
    public void AuthorizationIdSuffix_KeepsThePolicyArnBeforeItAndReadsTheId(
        string message, string? resource, string? policyType, bool? explicitDeny, string? policyArn, string? authorizationId)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.Equal(resource, parsed.Resource);
        Assert.Equal(policyType, parsed.PolicyType);
        Assert.Equal(explicitDeny, parsed.ExplicitDeny);
        Assert.Equal(policyArn, parsed.PolicyArn);
        Assert.Equal(authorizationId, parsed.AuthorizationId);
    }

    [Fact]
    public void AuthorizationId_IsOnTheDiagnosisItsJsonAndTheFixNotes()
    {
        var diagnosis = Diagnoser.Diagnose(Fixture.Record("iam-createinstanceprofile-authorization-id.json"));

        Assert.Equal(Id, diagnosis.AuthorizationId);
        Assert.Equal("arn:aws:iam::111122223333:policy/ExampleDenyPolicy", diagnosis.DenyingPolicyArn);
        Assert.Equal(DenialLayer.IdentityPolicy, diagnosis.Layer);
        Assert.True(diagnosis.ExplicitDeny);
        var note = Assert.Single(diagnosis.Fix!.Notes, n => n.Contains("iam-toolbox", StringComparison.Ordinal));
        Assert.Contains("aws iam-toolbox get-request-authorization-details --region us-east-1 --authorization-id " + Id, note, StringComparison.Ordinal);
        Assert.Contains("24 hours", note, StringComparison.Ordinal);
        Assert.Contains("iam:GetRequestAuthorizationDetails", note, StringComparison.Ordinal);
        Assert.Equal(Id, DiagnosisJsonReader.Parse(DiagnosisJson.Serialize(diagnosis)).AuthorizationId);
    }

    [Fact]
    public void AuthorizationId_ImplicitFormWithoutPolicyArn_StillGivesTheStatementAndTheLookup()
    {
        var diagnosis = Diagnoser.Diagnose(Fixture.Record("iam-getrole-authorization-id-implicit.json"));

        Assert.Equal("k3m9x2p7q4w8z1v6", diagnosis.AuthorizationId);
        Assert.Null(diagnosis.DenyingPolicyArn);
        Assert.Equal(FixTarget.ExecutionRole, diagnosis.Fix!.Target);
        Assert.Contains(diagnosis.Fix.Notes, n => n.Contains("--authorization-id k3m9x2p7q4w8z1v6", StringComparison.Ordinal));
    }

    [Fact]
    public void NoAuthorizationId_NoLookupNote() =>
        Assert.DoesNotContain(Diagnoser.Diagnose(Fixture.Record("dynamodb-putitem-identity-explicit.json")).Fix!.Notes,
            n => n.Contains("iam-toolbox", StringComparison.Ordinal));

    [Theory]
    [InlineData("because no service control policy allows the secretsmanager:GetSecretValue action", false)]
    [InlineData("because no service control policy allows the secretsmanager:GetSecretValue action: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-allowlist1", false)]
    [InlineData("with an explicit deny in a service control policy", null)]
    public void ScpWording_ImplicitIsImplicit_ExplicitStaysUnsaid(string clause, bool? explicitDeny)
    {
        var record = Fixture.Record("scp-implicit-no-allow.json", r => r["errorMessage"] =
            "User: arn:aws:sts::111122223333:assumed-role/payments-worker-role/payments-worker is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-AbCdEf " + clause);

        var diagnosis = Diagnoser.Diagnose(record);

        Assert.Equal(DenialLayer.ServiceControlPolicy, diagnosis.Layer);
        Assert.Equal(explicitDeny, diagnosis.ExplicitDeny);
        Assert.Equal(FixTarget.None, diagnosis.Fix!.Target);
        Assert.Empty(diagnosis.Fix.Statements);
    }

    [Fact]
    public void ImplicitScp_NotesSayAnOrganizationAdministratorMustAllowIt()
    {
        var fix = Diagnoser.Diagnose(Fixture.Record("scp-implicit-no-allow.json")).Fix!;

        Assert.Contains(fix.Notes, n => n.Contains("No service control policy allows secretsmanager:GetSecretValue", StringComparison.Ordinal)
            && n.Contains("an organization administrator must allow the action in an SCP", StringComparison.Ordinal));
    }

    // Bedrock's model-access errors carry AccessDeniedException but no IAM statement fixes them (AWS re:Post,
    // "Resolve InvokeModel API errors in Amazon Bedrock"; Bedrock UG model access).
    [Theory]
    [InlineData("You don't have access to the model with the specified model ID.", "model access")]
    [InlineData("An error occurred (AccessDeniedException) when calling the InvokeModel operation: You don't have access to the model with the specified model ID.", "model access")]
    [InlineData("Your account is not authorized to invoke this API operation.", "model access")]
    [InlineData("Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock", "legacy")]
    public void NotIamDenials_AreNotDeniedAndNameTheRealRemedy(string message, string remedy)
    {
        var diagnosis = Diagnoser.Diagnose(Fixture.Record("not-denied-bedrock-invokemodel-no-model-access.json", r => r["errorMessage"] = message));

        Assert.False(diagnosis.Denied);
        Assert.Null(diagnosis.Fix);
        Assert.Null(diagnosis.Function);
        Assert.Equal("not-iam-denial", diagnosis.Evidence["denied"]);
        var note = Assert.Single(diagnosis.Notes);
        Assert.Contains(remedy, note, StringComparison.Ordinal);
        Assert.Contains("an IAM statement does not fix it", note, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryNotIamPhraseIsRecognised()
    {
        foreach (var phrase in DenialDetector.NotIamPhrases)
        {
            var record = Fixture.Record("not-denied-bedrock-invokemodel-no-model-access.json", r => r["errorMessage"] = phrase + ".");
            Assert.Equal(DenialKind.NotDenied, DenialDetector.Detect(record).Kind);
        }
    }

    [Fact]
    public void BedrockIamDenial_StaysAnIamDenial()
    {
        var record = Fixture.Record("not-denied-bedrock-invokemodel-no-model-access.json", r => r["errorMessage"] =
            "User: arn:aws:sts::111122223333:assumed-role/summarizer-role/summarizer is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0 because no identity-based policy allows the bedrock:InvokeModel action");

        Assert.True(Diagnoser.Diagnose(record).Denied);
    }
}
