using Denied.Classification;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Principals;

namespace Denied.Core.Tests.Classification;

public class LayerClassifierTests
{
    [Theory]
    [InlineData("kms-decrypt-key-policy-implicit.json", DenialLayer.ResourcePolicy, false)]
    [InlineData("kms-decrypt-no-reason.json", DenialLayer.Unknown, null)]
    [InlineData("kms-ciphertext-denied.json", DenialLayer.Unknown, null)]
    [InlineData("kms-generatedatakey-accessdenied-wildcard.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("s3-listobjectsv2-identity-implicit.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("s3-getobject-bucket-policy-explicit.json", DenialLayer.ResourcePolicy, true)]
    [InlineData("s3-getobject-plain-access-denied.json", DenialLayer.Unknown, null)]
    [InlineData("s3-putobject-rcp-explicit.json", DenialLayer.ResourceControlPolicy, true)]
    [InlineData("scp-explicit-deny-with-policy-arn.json", DenialLayer.ServiceControlPolicy, null)]
    [InlineData("dynamodb-putitem-identity-explicit.json", DenialLayer.IdentityPolicy, true)]
    [InlineData("sqs-sendmessage-permissions-boundary-implicit.json", DenialLayer.PermissionsBoundary, false)]
    [InlineData("ssm-getparameter-session-policy-explicit.json", DenialLayer.SessionPolicy, true)]
    [InlineData("vpce-network-activity-denied.json", DenialLayer.VpcEndpointPolicy, null)]
    [InlineData("vpce-transitive-scp.json", DenialLayer.VpcEndpointPolicy, true)]
    [InlineData("sts-assumerole-trust-policy-explicit.json", DenialLayer.ResourcePolicy, true)]
    [InlineData("ec2-encoded-message.json", DenialLayer.Unknown, null)]
    [InlineData("ec2-encoded-message-truncated.json", DenialLayer.Unknown, null)]
    [InlineData("s3-invoke-denied-by-function-policy.json", DenialLayer.ResourcePolicy, null)]
    [InlineData("lambda-invoke-cross-account-denied.json", DenialLayer.ResourcePolicy, false)]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", DenialLayer.Unknown, null)]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", DenialLayer.Unknown, null)]
    [InlineData("kinesis-create-event-source-mapping-cannot-access-stream.json", DenialLayer.Unknown, null)]
    [InlineData("eventbridge-envelope-secretsmanager.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("iam-user-denied.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("ec2-createnetworkinterface-scp-prefixed-encoded.json", DenialLayer.ServiceControlPolicy, null)]
    [InlineData("ec2-createsnapshot-identity-implicit-prefixed.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("lambda-invoke-kms-environment-denied.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("lambda-invoke-destination-identity-implicit.json", DenialLayer.IdentityPolicy, false)]
    [InlineData("secretsmanager-getsecretvalue-kms-not-allowed.json", DenialLayer.Unknown, null)]
    public void Classify_Fixture_ReturnsLayerAndVerdict(string fixture, DenialLayer layer, bool? explicitDeny)
    {
        var decision = Classify(Fixture.Record(fixture));

        Assert.Equal(layer, decision.Layer);
        Assert.Equal(explicitDeny, decision.ExplicitDeny);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [InlineData("scp-explicit-deny-with-policy-arn.json", "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp01")]
    [InlineData("dynamodb-putitem-identity-explicit.json", "arn:aws:iam::111122223333:policy/DenyProdWrites")]
    [InlineData("s3-putobject-rcp-explicit.json", "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/resource_control_policy/p-examplercp1")]
    [InlineData("kms-decrypt-key-policy-implicit.json", null)]
    public void Classify_PolicyArnSuffix_BecomesTheDenyingPolicyArn(string fixture, string? policyArn) =>
        Assert.Equal(policyArn, Classify(Fixture.Record(fixture)).DenyingPolicyArn);

    [Fact]
    public void Classify_ScpDenial_SaysItIsAlwaysWordedExplicit() =>
        Assert.Contains("worded as explicit even when", Classify(Fixture.Record("scp-explicit-deny-with-policy-arn.json")).Reason, StringComparison.Ordinal);

    // IAM UG: an SCP denial always reads "explicit deny", even when the SCP merely lacks an Allow, so the event does
    // not say which. The UG says so of SCPs only: the RCP wording is reported as written.
    [Theory]
    [InlineData("with an explicit deny in a service control policy", DenialLayer.ServiceControlPolicy, null)]
    [InlineData("with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp01", DenialLayer.ServiceControlPolicy, null)]
    [InlineData("due to an explicit deny in a Service Control Policy", DenialLayer.ServiceControlPolicy, null)]
    [InlineData("with an explicit deny in a resource control policy", DenialLayer.ResourceControlPolicy, true)]
    [InlineData("with an explicit deny in a VPC endpoint policy transitively through a service control policy", DenialLayer.VpcEndpointPolicy, true)]
    public void Classify_ScpWording_LeavesTheVerdictUnsaid(string clause, DenialLayer layer, bool? explicitDeny)
    {
        var message = AccessDeniedMessageParser.Parse(
            $"User: arn:aws:sts::111122223333:assumed-role/r/fn is not authorized to perform: sns:Publish on resource: arn:aws:sns:us-east-1:111122223333:t {clause}");

        var decision = LayerClassifier.Classify(new CloudTrailRecord { ErrorCode = "AccessDenied" }, message, Other);

        Assert.Equal(layer, decision.Layer);
        Assert.Equal(explicitDeny, decision.ExplicitDeny);
    }

    [Fact]
    public void Classify_EnvironmentKmsDenialOnAServiceInvoke_IsNotTheFunctionPolicy()
    {
        var record = Fixture.Record("lambda-invoke-kms-environment-denied.json", r =>
        {
            r["userIdentity"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "AWSService", ["invokedBy"] = "s3.amazonaws.com" };
            r["errorMessage"] = "Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings. KMS Exception: AccessDeniedExceptionKMS Message: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.";
        });

        Assert.Equal(DenialLayer.Unknown, Classify(record).Layer);
    }

    [Fact]
    public void Classify_KmsWithoutBecauseClause_SaysKeyPolicyAndIamMayBothBeInvolved()
    {
        var reason = Classify(Fixture.Record("kms-decrypt-no-reason.json")).Reason;

        Assert.Contains("key policy", reason, StringComparison.Ordinal);
        Assert.Contains("IAM", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TruncatedEncodedMessage_SaysItCannotBeDecoded() =>
        Assert.Contains("cannot be decoded", Classify(Fixture.Record("ec2-encoded-message-truncated.json")).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("service control policy", DenialLayer.ServiceControlPolicy)]
    [InlineData("resource control policy", DenialLayer.ResourceControlPolicy)]
    [InlineData("identity-based policy", DenialLayer.IdentityPolicy)]
    [InlineData("resource-based policy", DenialLayer.ResourcePolicy)]
    [InlineData("permissions boundary", DenialLayer.PermissionsBoundary)]
    [InlineData("session policy", DenialLayer.SessionPolicy)]
    [InlineData("VPC endpoint policy", DenialLayer.VpcEndpointPolicy)]
    [InlineData("role trust policy", DenialLayer.ResourcePolicy)]
    [InlineData("data perimeter policy", DenialLayer.Unknown)]
    public void Classify_PolicyTypeInMessage_MapsToLayer(string policyType, DenialLayer layer)
    {
        var message = new ParsedDenialMessage { Shape = MessageShape.Enhanced, PolicyType = policyType, ExplicitDeny = true };

        Assert.Equal(layer, LayerClassifier.Classify(new CloudTrailRecord { ErrorCode = "AccessDenied" }, message, Other).Layer);
    }

    [Fact]
    public void Classify_EveryLayerValueIsReachable()
    {
        var reached = Fixture.RecordNames()
            .Where(n => !n.StartsWith("not-denied-", StringComparison.Ordinal))
            .Select(n => Classify(Fixture.Record(n)).Layer)
            .Append(LayerClassifier.Classify(new CloudTrailRecord(), new ParsedDenialMessage { PolicyType = "permissions boundary" }, Other).Layer)
            .ToHashSet();

        Assert.All(Enum.GetValues<DenialLayer>(), layer => Assert.Contains(layer, reached));
    }

    [Theory]
    [InlineData("AWSService", "events.amazonaws.com", "111122223333")]
    [InlineData("AssumedRole", null, "444455556666")]
    [InlineData("AWSAccount", null, "444455556666")]
    public void Classify_InvokeByServiceOrOtherAccountWithoutReason_IsTheFunctionPolicy(string type, string? invokedBy, string callerAccount)
    {
        var record = new CloudTrailRecord
        {
            EventSource = "lambda.amazonaws.com",
            EventName = "Invoke",
            ErrorCode = "AccessDeniedException",
            RecipientAccountId = "111122223333",
            UserIdentity = new UserIdentity { Type = type, InvokedBy = invokedBy, AccountId = callerAccount },
        };

        var decision = Classify(record);

        Assert.Equal(DenialLayer.ResourcePolicy, decision.Layer);
        Assert.Null(decision.ExplicitDeny);
    }

    [Fact]
    public void Classify_SameAccountInvokeWithoutReason_StaysUnknown()
    {
        var record = new CloudTrailRecord
        {
            EventSource = "lambda.amazonaws.com",
            EventName = "Invoke",
            ErrorCode = "AccessDeniedException",
            RecipientAccountId = "111122223333",
            UserIdentity = new UserIdentity { Type = "AssumedRole", AccountId = "111122223333" },
        };

        Assert.Equal(DenialLayer.Unknown, Classify(record).Layer);
    }

    [Fact]
    public void Classify_NoMessage_IsUnknownWithoutVerdict()
    {
        var decision = Classify(new CloudTrailRecord { ErrorCode = "AccessDenied", EventSource = "s3.amazonaws.com" });

        Assert.Equal(DenialLayer.Unknown, decision.Layer);
        Assert.Null(decision.ExplicitDeny);
    }

    private static PrincipalInfo Other => new(PrincipalKind.Other, null, null, null);

    private static LayerDecision Classify(CloudTrailRecord record) =>
        LayerClassifier.Classify(record, AccessDeniedMessageParser.Parse(record.ErrorMessage), PrincipalResolver.Resolve(record, null));
}
