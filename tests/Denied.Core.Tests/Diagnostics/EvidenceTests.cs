using Denied.Classification;
using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Remediation;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Principals;
using Denied.Remediation;
using Denied.Rendering;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>
/// The diagnosis keeps which rule decided each field ("evidence"), and every row of every table is reached: message
/// patterns, SDK wrappers, service envelopes, "because"/"explicit deny" clauses, layer rules, and every value of
/// MessageShape, FixTarget and PrincipalKind.
/// </summary>
public sealed class EvidenceTests
{
    private const string Role = "arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn";

    // One documented message per catalogue row (IAM UG troubleshoot_access-denied, S3 UG troubleshoot-403-errors, Lambda
    // API errors, EC2 and KMS error texts), and the shape it gives.
    private static readonly Dictionary<string, (string Message, MessageShape Shape)> PatternSamples = new()
    {
        ["enhanced-quoted-resource"] = ($"User: {Role} is not authorized to perform: s3:GetObject on \"arn:aws:s3:::b/k\" because no identity-based policy allows the s3:GetObject action", MessageShape.EnhancedQuotedResource),
        ["enhanced-role-name"] = ($"User: {Role} is not authorized to perform: iam:GetRole on resource: role app with an explicit deny", MessageShape.Enhanced),
        ["enhanced-access-key"] = ($"User: {Role} is not authorized to perform: iam:DeleteAccessKey on resource: access key AKIAIOSFODNN7EXAMPLE", MessageShape.Enhanced),
        ["enhanced-on-resource"] = ($"User: {Role} is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:111122223333:q because no identity-based policy allows the sqs:SendMessage action", MessageShape.Enhanced),
        ["enhanced-specified-resource"] = ($"User: {Role} is not authorized to perform: ssm:GetParameter on the specified resource", MessageShape.Enhanced),
        ["enhanced-no-resource"] = ($"User: {Role} is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action", MessageShape.Enhanced),
        ["access-this-resource"] = ($"User: {Role} is not authorized to access this resource", MessageShape.NotAuthorizedToAccessResource),
        ["principal-not-allowed"] = ($"Principal [{Role}] is not allowed to execute [es:ESHttpGet] on the resource [arn:aws:es:us-east-1:111122223333:domain/d]", MessageShape.PrincipalNotAllowed),
        ["lambda-execution-role-lacks"] = ("The provided execution role does not have permissions to call ReceiveMessage on SQS", MessageShape.ConfigurationTime),
        ["lambda-cannot-access-stream"] = ("Cannot access stream arn:aws:kinesis:us-east-1:111122223333:stream/clicks. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.", MessageShape.ConfigurationTime),
        ["lambda-role-cannot-be-assumed"] = ("The role defined for the function cannot be assumed by Lambda.", MessageShape.LambdaTrustPolicyRejection),
        ["ec2-encoded"] = ("You are not authorized to perform this operation. Encoded authorization failure message: abc123", MessageShape.EncodedAuthorizationFailure),
        ["kms-ciphertext"] = ("The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.", MessageShape.KmsCiphertext),
        ["kms-access-not-allowed"] = ("Access to KMS is not allowed", MessageShape.KmsAccessNotAllowed),
        ["vpc-endpoint"] = ("The request was denied due to a VPC endpoint policy", MessageShape.VpcEndpointDenied),
        ["plain-access-denied"] = ("Access Denied", MessageShape.PlainAccessDenied),
        ["resource-denied"] = ("Access to the resource https://sqs.us-east-1.amazonaws.com/111122223333/q is denied.", MessageShape.ResourceDenied),
        ["generic-not-authorized"] = ("Caller is not authorized to do that", MessageShape.GenericNotAuthorized),
    };

    public static TheoryData<string> PatternNames => [.. MessagePatternCatalogue.Patterns.Select(p => p.Name)];

    [Fact]
    public void EveryCatalogueRowHasASample() =>
        Assert.Equal(MessagePatternCatalogue.Patterns.Select(p => p.Name).Order(), PatternSamples.Keys.Order());

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void EveryCatalogueRow_IsTheOneThatMatchesItsSample(string name)
    {
        var (message, shape) = PatternSamples[name];

        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.Equal(name, parsed!.Pattern);
        Assert.Equal(shape, parsed.Shape);
    }

    [Fact]
    public void EveryMessageShape_IsReached()
    {
        var reached = PatternSamples.Values.Select(s => s.Shape)
            .Append(AccessDeniedMessageParser.Parse("An error occurred (AccessDenied) when calling the ListRoles operation: something else")!.Shape)
            .ToHashSet();

        Assert.All(Enum.GetValues<MessageShape>(), shape => Assert.Contains(shape, reached));
    }

    // SDK wrappers: boto3/CLI, Go v2, Java; the inner message keeps its fields.
    [Theory]
    [InlineData("An error occurred (AccessDenied) when calling the ListRoles operation: User: " + Role + " is not authorized to perform: iam:ListRoles", "AccessDenied", "ListRoles")]
    [InlineData("An error occurred (AccessDeniedException) when calling the GetSecretValue operation (reached max retries: 4): User: " + Role + " is not authorized to perform: iam:ListRoles", "AccessDeniedException", "GetSecretValue")]
    [InlineData("operation error S3: GetObject, https response error StatusCode: 403, RequestID: ABC, HostID: xyz, api error AccessDenied: User: " + Role + " is not authorized to perform: iam:ListRoles", "AccessDenied", "GetObject")]
    [InlineData("User: " + Role + " is not authorized to perform: iam:ListRoles (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: 1)", null, null)]
    public void EverySdkWrapper_IsRemovedAndKept(string message, string? code, string? operation)
    {
        var parsed = AccessDeniedMessageParser.Parse(message)!;

        Assert.Equal("iam:ListRoles", parsed.Action);
        Assert.Equal(code, parsed.WrappedErrorCode);
        Assert.Equal(operation, parsed.WrappedOperation);
    }

    // Service envelopes: EC2's enhanced sentence, Lambda's KMSAccessDeniedException.
    [Theory]
    [InlineData("You are not authorized to perform this operation. User: " + Role + " is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: xyz", "ec2:RunInstances", false)]
    [InlineData("Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings. KMS Exception: AccessDeniedExceptionKMS Message: User: " + Role + " is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k because no identity-based policy allows the kms:Decrypt action", "kms:Decrypt", true)]
    public void EveryServiceEnvelope_IsOpened(string message, string action, bool environment)
    {
        var parsed = AccessDeniedMessageParser.Parse(message)!;

        Assert.Equal(action, parsed.Action);
        Assert.Equal(environment, parsed.LambdaEnvironmentDecryption);
    }

    // Every "why" clause row: transitive, explicit, implicit, trust-policy "allows" (sic), and the loose forms.
    [Theory]
    [InlineData("with an explicit deny in a VPC endpoint policy transitively through a service control policy", "VPC endpoint policy", true, "service control policy")]
    [InlineData("with an explicit deny in a resource-based policy", "resource-based policy", true, null)]
    [InlineData("because no session policy allows the s3:GetObject action", "session policy", false, null)]
    [InlineData("because the role trust policy allows the sts:AssumeRole action", "role trust policy", false, null)]
    [InlineData("with an explicit deny in a permissions boundary and more text the strict form refuses!", "permissions boundary", true, null)]
    [InlineData("because no identity-based policy allows it, with more text!", "identity-based policy", false, null)]
    public void EveryContextClause_IsRead(string clause, string type, bool explicitDeny, string? via)
    {
        var parsed = AccessDeniedMessageParser.Parse($"User: {Role} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k {clause}")!;

        Assert.Equal(type, parsed.PolicyType);
        Assert.Equal(explicitDeny, parsed.ExplicitDeny);
        Assert.Equal(via, parsed.Via);
    }

    [Fact]
    public void LayerRuleIds_AreStableAndUnique() =>
        Assert.Equal(
            ["vpc-endpoint", "lambda-trust-policy", "configuration-time", "policy-type-in-message", "foreign-invoke", "kms-without-reason", "encoded-message", "plain-access-denied", "no-reason-in-message"],
            LayerClassifier.RuleIds);

    [Fact]
    public void EveryLayerRule_DecidesSomeFixture()
    {
        var diagnoser = new Diagnoser(IamCatalog.Default);
        var reached = Fixture.RecordNames()
            .Select(n => diagnoser.Diagnose(Fixture.Record(n)))
            .Where(d => d.Denied)
            .Select(d => d.Evidence["layer"])
            .ToHashSet();

        Assert.All(LayerClassifier.RuleIds, id => Assert.Contains(id, reached));
    }

    [Fact]
    public void TheDiagnosisNamesTheRuleOfEachField()
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("dynamodb-putitem-identity-explicit.json"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["action"] = "message",
            ["denied"] = "access-denied-code",
            ["layer"] = "policy-type-in-message",
            ["message"] = "enhanced-on-resource",
            ["resource"] = "message",
        }, diagnosis.Evidence);
        var json = DiagnosisJson.Serialize(diagnosis);
        Assert.Contains("\"evidence\":{\"action\":\"message\",\"denied\":\"access-denied-code\",\"layer\":\"policy-type-in-message\",\"message\":\"enhanced-on-resource\",\"resource\":\"message\"}", json, StringComparison.Ordinal);
        Assert.Equal(diagnosis.Evidence, DiagnosisJsonReader.Parse(json).Evidence);
    }

    [Fact]
    public void ANotDeniedRecord_NamesTheDetectorRowOnly()
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("not-denied-success.json"));

        Assert.Equal(new Dictionary<string, string> { ["denied"] = "no-error-code" }, diagnosis.Evidence);
    }

    [Fact]
    public void EveryDetectorRowNamedInEvidence_IsADetectorRow()
    {
        var diagnoser = new Diagnoser(IamCatalog.Default);
        var rows = Fixture.RecordNames().Select(n => diagnoser.Diagnose(Fixture.Record(n)).Evidence["denied"]).ToHashSet();

        Assert.Subset(DenialDetector.RuleNames.ToHashSet(), rows);
    }

    [Fact]
    public void EveryFixTarget_IsReached()
    {
        var reached = new[]
        {
            FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::b/k")).Target,
            FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.ResourcePolicy)).Target,
            FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.Unknown, null) with { ResourceAccount = "444455556666" }).Target,
            FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::b/k", DenialLayer.ServiceControlPolicy, null)).Target,
        };

        Assert.Equal([FixTarget.ExecutionRole, FixTarget.ResourcePolicy, FixTarget.Both, FixTarget.None], reached);
        Assert.All(Enum.GetValues<FixTarget>(), t => Assert.Contains(t, reached));
    }

    [Theory]
    [InlineData("dynamodb-putitem-identity-explicit.json", PrincipalKind.LambdaExecutionRole)]
    [InlineData("assumed-role-human-denied.json", PrincipalKind.AssumedRole)]
    [InlineData("iam-user-denied.json", PrincipalKind.IamUser)]
    [InlineData("s3-invoke-denied-by-function-policy.json", PrincipalKind.AwsService)]
    [InlineData("s3-getobject-cross-account-awsaccount-caller.json", PrincipalKind.AssumedRole)]
    public void PrincipalKinds_FromFixtures(string fixture, PrincipalKind kind) =>
        Assert.Equal(kind, PrincipalResolver.Resolve(Fixture.Record(fixture), null).Kind);

    [Fact]
    public void EveryPrincipalKind_IsReached()
    {
        var reached = new[]
        {
            PrincipalResolver.Resolve(Fixture.Record("dynamodb-putitem-identity-explicit.json"), null).Kind,
            PrincipalResolver.Resolve(Fixture.Record("assumed-role-human-denied.json"), null).Kind,
            PrincipalResolver.Resolve(Fixture.Record("iam-user-denied.json"), null).Kind,
            PrincipalResolver.Resolve(Fixture.Record("iam-user-denied.json", r => r["userIdentity"]!["type"] = "Root"), null).Kind,
            PrincipalResolver.Resolve(Fixture.Record("s3-invoke-denied-by-function-policy.json"), null).Kind,
            PrincipalResolver.Resolve(Fixture.Record("iam-user-denied.json", r => r["userIdentity"]!["type"] = "WebIdentityUser"), null).Kind,
        }.ToHashSet();

        Assert.All(Enum.GetValues<PrincipalKind>(), k => Assert.Contains(k, reached));
    }
}
