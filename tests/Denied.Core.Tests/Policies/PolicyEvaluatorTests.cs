using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>The evaluation rules of "Policy evaluation logic" and "Cross-account policy evaluation logic", one test each.</summary>
public sealed class PolicyEvaluatorTests
{
    private const string Object = Requests.Bucket + "/reports/q1.csv";
    private const string OtherAccountSession = "arn:aws:sts::444455556666:assumed-role/reader/s";
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static SourcedPolicy Identity(string statements, string name = "inline") =>
        new(new PolicySource(DenialLayer.IdentityPolicy, PolicyName: name), Requests.Policy($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}"""));

    private static SourcedPolicy Resource(string statements, string arn = Requests.Bucket) =>
        new(new PolicySource(DenialLayer.ResourcePolicy, ResourceArn: arn), Requests.Policy($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}"""));

    private static SourcedPolicy Layer(DenialLayer layer, string statements) =>
        new(new PolicySource(layer, PolicyArn: "arn:aws:iam::111122223333:policy/" + layer), Requests.Policy($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}"""));

    private const string AllowGet = """{"Sid":"Get","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}""";
    private const string AllowAll = """{"Effect":"Allow","Action":"*","Resource":"*"}""";

    [Fact]
    public void AnIdentityAllowAllowsWithinTheAccount()
    {
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)]), Requests.Context());
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        Assert.Equal("Get", Assert.Single(result.Statements).Reference.Sid);
        Assert.Equal(Truth.False, result.Denied);
    }

    [Fact]
    public void NoAllowIsAnImplicitDenyOfTheIdentityLayerWithTheNearMissNamed()
    {
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity("""{"Sid":"Other","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}""")]), Requests.Context());
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.IdentityPolicy), (result.Decision, result.Layer));
        var miss = Assert.Single(result.Statements);
        Assert.False(miss.Decisive);
        Assert.Equal(["resource"], miss.Mismatch);
        Assert.Equal(("inline", "Other", 0), (miss.Reference.Source.PolicyName, miss.Reference.Sid, miss.Reference.Index));
    }

    [Fact]
    public void AnExplicitDenyAnywhereWins()
    {
        var deny = """{"Sid":"NoVpce","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""";
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowAll), Identity(deny, "guard")]), Requests.Context(keys: "aws:SourceVpce=vpce-9z8y7x6w"));
        Assert.Equal((PolicyDecision.ExplicitDeny, DenialLayer.IdentityPolicy), (result.Decision, result.Layer));
        Assert.Equal("NoVpce", Assert.Single(result.Statements, s => s.Decisive).Reference.Sid);
    }

    [Fact]
    public void AConditionOnAnUnknownKeyThatDecidesIsNotDeterminable()
    {
        var deny = """{"Sid":"Tag","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"data"}}}""";
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowAll), Identity(deny, "guard")]), Requests.Context(complete: false));
        Assert.Equal(PolicyDecision.NotDeterminable, result.Decision);
        var hanging = Assert.Single(result.Statements, s => s.Decisive);
        Assert.Equal(["aws:PrincipalTag/team"], hanging.UndeterminedKeys);
    }

    [Fact]
    public void AnUnknownKeyThatCannotChangeTheOutcomeDoesNotMatter()
    {
        var allowIfTagged = """{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}}""";
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet), Identity(allowIfTagged, "tagged")]), Requests.Context(complete: false));
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }

    [Fact]
    public void EveryScpLevelMustAllow()
    {
        var levels = new List<OrganizationLevel>
        {
            new("r-abcd", [Layer(DenialLayer.ServiceControlPolicy, AllowAll)]),
            new("ou-abcd-11111111", [Layer(DenialLayer.ServiceControlPolicy, """{"Effect":"Allow","Action":"ec2:*","Resource":"*"}""")]),
            new("111122223333", [Layer(DenialLayer.ServiceControlPolicy, AllowAll)]),
        };
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ServiceControlPolicies: levels), Requests.Context());
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.ServiceControlPolicy), (result.Decision, result.Layer));
    }

    [Fact]
    public void AnScpDenyIsAnExplicitDeny()
    {
        var levels = new List<OrganizationLevel> { new("r-abcd", [Layer(DenialLayer.ServiceControlPolicy, AllowAll + "," + """{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}""")]) };
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ServiceControlPolicies: levels), Requests.Context());
        Assert.Equal((PolicyDecision.ExplicitDeny, DenialLayer.ServiceControlPolicy), (result.Decision, result.Layer));
    }

    [Fact]
    public void RcpsOnlyDenyBecauseFullAccessIsAlwaysAttached()
    {
        var allowNothing = new List<OrganizationLevel> { new("r-abcd", []) };
        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ResourceControlPolicies: allowNothing), Requests.Context()).Decision);
        var deny = new List<OrganizationLevel> { new("r-abcd", [Layer(DenialLayer.ResourceControlPolicy, """{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}""")]) };
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ResourceControlPolicies: deny), Requests.Context(keys: "aws:SecureTransport=false"));
        Assert.Equal((PolicyDecision.ExplicitDeny, DenialLayer.ResourceControlPolicy), (result.Decision, result.Layer));
    }

    [Fact]
    public void ABoundaryWithoutTheActionDeniesImplicitly()
    {
        var boundary = Layer(DenialLayer.PermissionsBoundary, """{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""");
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], PermissionsBoundary: boundary), Requests.Context());
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.PermissionsBoundary), (result.Decision, result.Layer));
        Assert.Contains(result.Statements, s => s.Reference.Layer == DenialLayer.PermissionsBoundary && s.Mismatch.SequenceEqual(["action"]));
    }

    [Fact]
    public void ASessionPolicyIntersectsTheIdentityPolicy()
    {
        var session = Layer(DenialLayer.SessionPolicy, """{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}""");
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], SessionPolicy: session), Requests.Context());
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.SessionPolicy), (result.Decision, result.Layer));
    }

    [Theory]
    // Same account: a bucket policy naming the session or the role grants alone; naming the account only delegates.
    [InlineData("""{"AWS":"arn:aws:sts::111122223333:assumed-role/app-role/fn-session"}""", PolicyDecision.Allowed)]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/app-role"}""", PolicyDecision.Allowed)]
    [InlineData("""{"AWS":"111122223333"}""", PolicyDecision.ImplicitDeny)]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/other-role"}""", PolicyDecision.ImplicitDeny)]
    public void SameAccountResourcePolicyGrantsWhenItNamesThePrincipal(string principal, PolicyDecision expected)
    {
        var bucket = Resource($$"""{"Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject","Resource":"{{Object}}"}""");
        Assert.Equal(expected, PolicyEvaluator.Evaluate(new EvaluationInput([], ResourcePolicy: bucket), Requests.Context()).Decision);
    }

    [Fact]
    public void ABoundaryLimitsAResourceGrantToTheRoleButNotToTheExactSession()
    {
        var boundary = Layer(DenialLayer.PermissionsBoundary, """{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""");
        var toRole = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{Requests.RoleArn}}"},"Action":"s3:GetObject","Resource":"{{Object}}"}""");
        var toSession = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{Requests.Session}}"},"Action":"s3:GetObject","Resource":"{{Object}}"}""");
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate(new EvaluationInput([], boundary, ResourcePolicy: toRole), Requests.Context()).Decision);
        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([], boundary, ResourcePolicy: toSession), Requests.Context()).Decision);
    }

    [Fact]
    public void CrossAccountNeedsBothTheIdentityPolicyAndTheResourcePolicy()
    {
        var context = Requests.Context(principal: OtherAccountSession, resourceAccount: "111122223333");
        var namesOtherRole = Resource($$"""{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/writer"},"Action":"s3:GetObject","Resource":"{{Object}}"}""");
        var namesAccount = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"{{Object}}"}""");

        var noBucketGrant = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ResourcePolicy: namesOtherRole), context);
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.ResourcePolicy), (noBucketGrant.Decision, noBucketGrant.Layer));
        Assert.Equal(["principal"], Assert.Single(noBucketGrant.Statements, s => s.Reference.Sid == "Partner").Mismatch);

        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ResourcePolicy: namesAccount), context).Decision);
        var noIdentity = PolicyEvaluator.Evaluate(new EvaluationInput([], ResourcePolicy: namesAccount), context);
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.IdentityPolicy), (noIdentity.Decision, noIdentity.Layer));
    }

    [Fact]
    public void AKeyPolicyMustAllowEvenWithinTheAccount()
    {
        var context = Requests.Context(action: "kms:Decrypt", resource: Key);
        var identity = Identity($$"""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"{{Key}}"}""");
        var noDelegation = Resource("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"kms:*","Resource":"*"}""", Key);
        var delegation = Resource("""{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}""", Key);

        var denied = PolicyEvaluator.Evaluate(new EvaluationInput([identity], ResourcePolicy: noDelegation), context);
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.ResourcePolicy), (denied.Decision, denied.Layer));
        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([identity], ResourcePolicy: delegation), context).Decision);
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate(new EvaluationInput([], ResourcePolicy: delegation), context).Decision);
    }

    [Fact]
    public void ATrustPolicyWithoutLambdaRefusesTheLambdaService()
    {
        var context = Requests.Context(action: "sts:AssumeRole", resource: Requests.RoleArn, principal: "lambda.amazonaws.com");
        var ec2Only = Resource("""{"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", Requests.RoleArn);
        var lambda = Resource("""{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}""", Requests.RoleArn);
        var refused = PolicyEvaluator.Evaluate(new EvaluationInput([], ResourcePolicy: ec2Only), context);
        Assert.Equal((PolicyDecision.ImplicitDeny, DenialLayer.ResourcePolicy), (refused.Decision, refused.Layer));
        Assert.Equal(["principal"], Assert.Single(refused.Statements).Mismatch);
        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([], ResourcePolicy: lambda), context).Decision);
    }

    [Fact]
    public void UnseenLayersAreReportedAndAnUnreadIdentityLayerLeavesTheGrantOpen()
    {
        var unseen = new HashSet<DenialLayer> { DenialLayer.SessionPolicy, DenialLayer.VpcEndpointPolicy };
        var result = PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], Unseen: unseen), Requests.Context());
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        Assert.Equal([DenialLayer.SessionPolicy, DenialLayer.VpcEndpointPolicy], result.Unseen);
        Assert.Equal(PolicyDecision.NotDeterminable, PolicyEvaluator.Evaluate(new EvaluationInput(null), Requests.Context()).Decision);
    }

    [Fact]
    public void ADenyWithNotPrincipalAppliesToEveryPrincipalWithABoundary()
    {
        var boundary = Layer(DenialLayer.PermissionsBoundary, AllowAll);
        var bucket = Resource($$"""{"Effect":"Deny","NotPrincipal":{"AWS":["{{Requests.Session}}","{{Requests.RoleArn}}","111122223333"]},"Action":"s3:*","Resource":"*"}""");
        Assert.Equal(PolicyDecision.Allowed, PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], ResourcePolicy: bucket), Requests.Context()).Decision);
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(new EvaluationInput([Identity(AllowGet)], boundary, ResourcePolicy: bucket), Requests.Context()).Decision);
    }

    [Theory]
    [InlineData(PolicyDecision.ExplicitDeny, "explicit-deny")]
    [InlineData(PolicyDecision.ImplicitDeny, "implicit-deny")]
    [InlineData(PolicyDecision.Allowed, "allowed")]
    [InlineData(PolicyDecision.NotDeterminable, "not-determinable")]
    public void DecisionCodes(PolicyDecision decision, string code) => Assert.Equal(code, PolicyDecisionCodes.Of(decision));
}
