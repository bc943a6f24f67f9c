using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>The three offline inputs: authorization details, resource policies, organization policies.</summary>
public sealed class PolicyFilesTests
{
    // Shape of `aws iam get-account-authorization-details` (IAM API Reference, GetAccountAuthorizationDetails examples).
    private const string AuthorizationDetailsJson = """
        {
          "UserDetailList": [],
          "GroupDetailList": [],
          "RoleDetailList": [{
            "Path": "/service-role/",
            "RoleName": "orders-api-role",
            "RoleId": "AROAZ3EXAMPLEROLEID1",
            "Arn": "arn:aws:iam::111122223333:role/service-role/orders-api-role",
            "AssumeRolePolicyDocument": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]},
            "InstanceProfileList": [],
            "RolePolicyList": [{"PolicyName": "orders-table", "PolicyDocument": {"Version":"2012-10-17","Statement":[{"Sid":"Orders","Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/Orders"}]}}],
            "AttachedManagedPolicies": [
              {"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
              {"PolicyName": "orders-read", "PolicyArn": "arn:aws:iam::111122223333:policy/orders-read"}
            ],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/boundary"},
            "Tags": []
          }],
          "Policies": [
            {"PolicyName": "orders-read", "Arn": "arn:aws:iam::111122223333:policy/orders-read", "DefaultVersionId": "v2",
             "PolicyVersionList": [
               {"Document": {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::old/*"}}, "VersionId": "v1", "IsDefaultVersion": false},
               {"Document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aorders%2F%2A%22%7D%7D", "VersionId": "v2", "IsDefaultVersion": true}
             ]},
            {"PolicyName": "boundary", "Arn": "arn:aws:iam::111122223333:policy/boundary", "DefaultVersionId": "v1",
             "PolicyVersionList": [{"Document": {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:*","dynamodb:*"],"Resource":"*"}}, "VersionId": "v1", "IsDefaultVersion": true}]}
          ]
        }
        """;

    [Fact]
    public void AuthorizationDetailsGiveTheRolesPoliciesBoundaryAndTrustPolicy()
    {
        var role = AuthorizationDetailsParser.Parse(AuthorizationDetailsJson).ForRole("arn:aws:iam::111122223333:role/service-role/orders-api-role")!;
        Assert.Equal(["orders-table", null], role.IdentityPolicies.Select(p => p.Source.PolicyName));
        Assert.Equal([null, "arn:aws:iam::111122223333:policy/orders-read"], role.IdentityPolicies.Select(p => p.Source.PolicyArn));
        // The default version (URL-encoded, as the raw API returns it) is the one in force.
        Assert.Equal(["arn:aws:s3:::orders/*"], role.IdentityPolicies[1].Document.Statements[0].Resources);
        Assert.Equal(DenialLayer.PermissionsBoundary, role.PermissionsBoundary!.Source.Layer);
        Assert.Equal(("arn:aws:iam::111122223333:role/service-role/orders-api-role", DenialLayer.ResourcePolicy), (role.TrustPolicy!.Source.ResourceArn, role.TrustPolicy.Source.Layer));
        // AWS managed policies are not in a file fetched with the default filter: named as missing.
        Assert.Equal(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"], role.MissingPolicyArns);
    }

    [Fact]
    public void ASessionsRoleIsFoundByNameWhenThePathIsUnknown()
    {
        var details = AuthorizationDetailsParser.Parse(AuthorizationDetailsJson);
        Assert.NotNull(details.ForRole("arn:aws:iam::111122223333:role/orders-api-role"));
        Assert.Null(details.ForRole("arn:aws:iam::111122223333:role/other"));
    }

    [Theory]
    [InlineData("""{"RoleDetailList":[{"RoleName":"x"}]}""", "no Arn")]
    [InlineData("""{"Policies":[{"Arn":"arn:aws:iam::111122223333:policy/p","PolicyVersionList":[]}]}""", "exactly one version")]
    [InlineData("""{"RoleDetailList":{}}""", "must be an array")]
    [InlineData("""{"RoleDetailList":[{"Arn":"arn:aws:iam::1:role/r","RolePolicyList":[{"PolicyName":"p","PolicyDocument":"%7Bbroken"}]}]}""", "inline policy p")]
    [InlineData("[1]", "must be a JSON object")]
    public void BadAuthorizationDetailsAreRefusedNamingWhat(string json, string message) =>
        Assert.Contains(message, Assert.Throws<PolicyFormatException>(() => AuthorizationDetailsParser.Parse(json)).Message, StringComparison.Ordinal);

    [Fact]
    public void ResourcePoliciesAcceptObjectsJsonStringsAndTheCliWrapper()
    {
        var policies = ResourcePoliciesParser.Parse("""
            {
              "arn:aws:s3:::orders": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/*"}]},
              "arn:aws:sqs:us-east-1:111122223333:jobs": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}",
              "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b": {"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"}
            }
            """);
        Assert.Equal(3, policies.Count);
        Assert.All(policies, p => Assert.Equal((p.Key, DenialLayer.ResourcePolicy), (p.Value.Source.ResourceArn!, p.Value.Source.Layer)));
        Assert.Equal(["kms:*"], policies["arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"].Document.Statements[0].Actions);
    }

    [Theory]
    [InlineData("""{"orders":{"Statement":[]}}""", "not a resource ARN")]
    [InlineData("""{"arn:aws:s3:::b":42}""", "arn:aws:s3:::b")]
    [InlineData("[]", "JSON object from resource ARN")]
    public void BadResourcePoliciesAreRefused(string json, string message) =>
        Assert.Contains(message, Assert.Throws<PolicyFormatException>(() => ResourcePoliciesParser.Parse(json)).Message, StringComparison.Ordinal);

    private const string OrganizationJson = """
        {"policies":[
          {"id":"p-FullAWSAccess","arn":"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess","name":"FullAWSAccess","type":"SERVICE_CONTROL_POLICY",
           "document":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}","targets":["r-abcd","ou-abcd-11111111","111122223333"]},
          {"id":"p-denys3","arn":"arn:aws:organizations::999988887777:policy/o-exampleorgid/service_control_policy/p-denys3","name":"DenyS3Delete","type":"SERVICE_CONTROL_POLICY",
           "document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]},"targets":["ou-abcd-11111111"]},
          {"id":"p-rcp1","arn":"arn:aws:organizations::999988887777:policy/o-exampleorgid/resource_control_policy/p-rcp1","name":"EnforceTls","type":"RESOURCE_CONTROL_POLICY",
           "document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}]},"targets":["r-abcd"]}
        ],
         "accountPaths":{"111122223333":["r-abcd","ou-abcd-11111111"]}}
        """;

    [Fact]
    public void OrganizationPoliciesGiveOneLevelPerRootOuAndAccount()
    {
        var org = OrganizationPoliciesParser.Parse(OrganizationJson);
        var scps = org.LevelsFor("111122223333", OrganizationPolicies.ServiceControlPolicy)!;
        Assert.Equal(["r-abcd", "ou-abcd-11111111", "111122223333"], scps.Select(l => l.TargetId));
        Assert.Equal([1, 2, 1], scps.Select(l => l.Policies.Count));
        Assert.Equal("DenyS3Delete", scps[1].Policies[1].Source.PolicyName);
        var rcps = org.LevelsFor("111122223333", OrganizationPolicies.ResourceControlPolicy)!;
        Assert.Equal([1, 0, 0], rcps.Select(l => l.Policies.Count));
        Assert.Equal(DenialLayer.ResourceControlPolicy, rcps[0].Policies[0].Source.Layer);
        Assert.Null(org.LevelsFor("444455556666", OrganizationPolicies.ServiceControlPolicy));
    }

    [Theory]
    [InlineData("""{"policies":[{"id":"p-1","arn":"a","name":"n","type":"TAG_POLICY","document":{},"targets":[]}]}""", "type must be")]
    [InlineData("""{"policies":[{"id":"p-1","arn":"a","name":"n","type":"SERVICE_CONTROL_POLICY","targets":[]}]}""", "has no document")]
    [InlineData("""{"accountPaths":{"1111":["r-abcd"]}}""", "12-digit")]
    [InlineData("""{"accountPaths":{"111122223333":["ou-abcd-11111111"]}}""", "start at the root")]
    [InlineData("""{"policies":{}}""", "must be an array")]
    public void BadOrganizationPoliciesAreRefused(string json, string message) =>
        Assert.Contains(message, Assert.Throws<PolicyFormatException>(() => OrganizationPoliciesParser.Parse(json)).Message, StringComparison.Ordinal);
}
