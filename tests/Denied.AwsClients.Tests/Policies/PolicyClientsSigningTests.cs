using System.Net;
using Denied.AwsClients.Policies;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// The exact bytes each hand-written policy reader signs and sends, and botocore's SigV4 signature for the same
/// method, URL, headers and body: IAM and SNS (query protocol), Lambda GetPolicy (REST, an ARN in the path),
/// Secrets Manager and Organizations (JSON 1.1 with X-Amz-Target), the IAM Access Troubleshooter (REST, signing
/// name iam on the iam-toolbox endpoint).
/// </summary>
public sealed class PolicyClientsSigningTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/service-role/orders-fn";

    private const string GetRoleReply = """
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/service-role/</Path><RoleName>orders-fn</RoleName><RoleId>AROAEXAMPLEID</RoleId><Arn>arn:aws:iam::123456789012:role/service-role/orders-fn</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate><AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument></Role></GetRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>
        """;

    [Theory]
    [InlineData(null)]
    [InlineData(TestKeys.SessionToken)]
    public async Task IamGetRole_SendsTheFormBodyToTheGlobalEndpoint_SignedForUsEast1LikeBotocore(string? sessionToken)
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, GetRoleReply);
        using var http = new HttpClient(handler);
        var client = new IamPolicyClient(new AwsEndpointSettings("eu-west-1", null), http, Credentials(sessionToken), new FixedClock(TestKeys.SignedAt));

        var role = await client.GetRoleAsync("orders-fn", RoleArn, CancellationToken.None);

        Assert.Equal("AROAEXAMPLEID", role.RoleId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://iam.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal("Action=GetRole&RoleName=orders-fn&Version=2010-05-08", request.BodyText);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        await AssertSignedLikeBotocore(request, "us-east-1", "iam", sessionToken);
    }

    [Fact]
    public async Task IamListAttachedRolePoliciesSecondPage_CarriesTheEncodedMarker_SignedLikeBotocore()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, """<ListAttachedRolePoliciesResponse><ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>true</IsTruncated><Marker>AAE/x+y=</Marker></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>""")
            .Reply(HttpStatusCode.OK, """<ListAttachedRolePoliciesResponse><ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>""");
        using var http = new HttpClient(handler);
        var client = new IamPolicyClient(new AwsEndpointSettings("us-east-1", null), http, Credentials(null), new FixedClock(TestKeys.SignedAt));

        await client.ListAttachedRolePoliciesAsync("orders-fn", RoleArn, CancellationToken.None);

        var second = handler.Requests[1];
        Assert.Equal("Action=ListAttachedRolePolicies&Marker=AAE%2Fx%2By%3D&RoleName=orders-fn&Version=2010-05-08", second.BodyText);
        await AssertSignedLikeBotocore(second, "us-east-1", "iam", null);
    }

    [Fact]
    public async Task IamInChina_UsesTheCnNorth1EndpointAndSigningRegion()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, GetRoleReply);
        using var http = new HttpClient(handler);
        var client = new IamPolicyClient(new AwsEndpointSettings("cn-northwest-1", null), http, Credentials(null), new FixedClock(TestKeys.SignedAt));

        await client.GetRoleAsync("orders-fn", RoleArn, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://iam.cn-north-1.amazonaws.com.cn/", request.Uri.AbsoluteUri);
        await AssertSignedLikeBotocore(request, "cn-north-1", "iam", null);
    }

    [Fact]
    public async Task SnsGetTopicAttributes_SendsTheFormBody_SignedLikeBotocore()
    {
        var handler = new RecordingHandler().Reply(
            HttpStatusCode.OK,
            """<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult><Attributes><entry><key>Policy</key><value>{"Version":"2008-10-17","Statement":[]}</value></entry></Attributes></GetTopicAttributesResult></GetTopicAttributesResponse>""");
        using var http = new HttpClient(handler);
        var client = new SnsTopicPolicyClient(new AwsEndpointSettings("us-east-1", null), http, Credentials(TestKeys.SessionToken), new FixedClock(TestKeys.SignedAt));

        var policy = await client.GetTopicPolicyAsync(TestKeys.TopicArn, CancellationToken.None);

        Assert.Equal("2008-10-17", (string?)policy!["Version"]);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://sns.us-east-1.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal(
            "Action=GetTopicAttributes&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aorders&Version=2010-03-31", request.BodyText);
        await AssertSignedLikeBotocore(request, "us-east-1", "sns", TestKeys.SessionToken);
    }

    [Theory]
    [InlineData(
        "arn:aws:lambda:eu-west-1:123456789012:function:orders",
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aorders/policy")]
    [InlineData(
        "arn:aws:lambda:eu-west-1:123456789012:function:orders:live",
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aorders/policy?Qualifier=live")]
    public async Task LambdaGetPolicy_PutsTheUnqualifiedArnInThePathAndTheQualifierInTheQuery_SignedLikeBotocore(string functionArn, string expectedUrl)
    {
        var handler = new RecordingHandler().Reply(
            HttpStatusCode.OK, """{"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","RevisionId":"1"}""", "application/json");
        using var http = new HttpClient(handler);
        var client = new LambdaPolicyClient(new AwsEndpointSettings("eu-west-1", null), http, Credentials(null), new FixedClock(TestKeys.SignedAt));

        var policy = await client.GetFunctionPolicyAsync(functionArn, CancellationToken.None);

        Assert.NotNull(policy);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(expectedUrl, request.Uri.AbsoluteUri);
        Assert.Empty(request.Body);
        await AssertSignedLikeBotocore(request, "eu-west-1", "lambda", null);
    }

    [Fact]
    public async Task SecretsManagerGetResourcePolicy_SendsTheJsonBodyAndTarget_SignedLikeBotocore()
    {
        const string secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        var handler = new RecordingHandler().Reply(
            HttpStatusCode.OK, """{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf","Name":"db"}""", "application/x-amz-json-1.1");
        using var http = new HttpClient(handler);
        var client = new SecretsManagerPolicyClient(new AwsEndpointSettings("us-east-1", null), http, Credentials(TestKeys.SessionToken), new FixedClock(TestKeys.SignedAt));

        var policy = await client.GetSecretPolicyAsync(secret, CancellationToken.None);

        Assert.Null(policy); // no ResourcePolicy member: the secret has no policy
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://secretsmanager.us-east-1.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal("""{"SecretId":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}""", request.BodyText);
        Assert.Equal("secretsmanager.GetResourcePolicy", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        var botocore = await AssertSignedLikeBotocore(request, "us-east-1", "secretsmanager", TestKeys.SessionToken);
        Assert.Contains("x-amz-target", botocore, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganizationsListParents_GoesToTheUsEast1Endpoint_SignedLikeBotocore()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, """{"Parents":[{"Id":"r-abcd","Type":"ROOT"}]}""", "application/x-amz-json-1.1");
        using var http = new HttpClient(handler);
        var client = new OrganizationsPolicyClient(new AwsEndpointSettings("eu-central-1", null), http, Credentials(null), new FixedClock(TestKeys.SignedAt));

        var parents = await client.ListParentsAsync("111122223333", CancellationToken.None);

        Assert.Equal([new OrganizationsParent("r-abcd", "ROOT")], parents);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://organizations.us-east-1.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal("""{"ChildId":"111122223333"}""", request.BodyText);
        Assert.Equal("AWSOrganizationsV20161128.ListParents", request.Header("X-Amz-Target"));
        await AssertSignedLikeBotocore(request, "us-east-1", "organizations", null);
    }

    [Theory]
    [InlineData(null, "https://iam-toolbox.eu-west-1.amazonaws.com/authorization-details/0a1b2c3d4e5f6g7h8i9j")]
    [InlineData("eyJ0IjoiYS9iK2M9In0=", "https://iam-toolbox.eu-west-1.amazonaws.com/authorization-details/0a1b2c3d4e5f6g7h8i9j?nextToken=eyJ0IjoiYS9iK2M9In0%3D")]
    public async Task AccessTroubleshooterDetails_GetsTheDocumentedPath_SignedAsIamLikeBotocore(string? firstToken, string expectedUrl)
    {
        var handler = new RecordingHandler();
        if (firstToken is not null)
        {
            handler.Reply(HttpStatusCode.OK, $$"""{"requestContext":{},"evaluations":[],"policies":[],"nextToken":"{{firstToken}}"}""", "application/json");
        }

        handler.Reply(HttpStatusCode.OK, """{"requestContext":{},"evaluations":[],"policies":[]}""", "application/json");
        using var http = new HttpClient(handler);
        var client = new AccessTroubleshooterClient(new AwsEndpointSettings("eu-west-1", null), http, Credentials(TestKeys.SessionToken), new FixedClock(TestKeys.SignedAt));

        var lookup = await client.GetRequestAuthorizationDetailsAsync("0a1b2c3d4e5f6g7h8i9j", CancellationToken.None);

        Assert.NotNull(lookup.Details);
        var request = handler.Requests[^1];
        Assert.Equal("GET", request.Method);
        Assert.Equal(expectedUrl, request.Uri.AbsoluteUri);
        var botocore = await AssertSignedLikeBotocore(request, "eu-west-1", "iam", TestKeys.SessionToken);
        Assert.Contains("/eu-west-1/iam/aws4_request", botocore, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessTroubleshooterPolicy_SendsThePolicyUriInTheQuery_SignedLikeBotocore()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, """{"Version":"2012-10-17","Statement":[]}""", "application/json");
        using var http = new HttpClient(handler);
        var client = new AccessTroubleshooterClient(new AwsEndpointSettings("us-east-1", null), http, Credentials(null), new FixedClock(TestKeys.SignedAt));

        await client.GetRequestAuthorizationPolicyAsync("abc123", "arn:aws:iam::123456789012:policy/Deny All", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(
            "https://iam-toolbox.us-east-1.amazonaws.com/authorization-details/abc123/policy?policyUri=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FDeny%20All",
            request.Uri.AbsoluteUri);
        await AssertSignedLikeBotocore(request, "us-east-1", "iam", null);
    }

    private static StaticAwsCredentialsSource Credentials(string? sessionToken) =>
        sessionToken is null
            ? new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey)
            : new StaticAwsCredentialsSource(TestKeys.SessionAccessKey, TestKeys.SecretKey, sessionToken);

    private static async Task<string> AssertSignedLikeBotocore(CapturedRequest request, string region, string service, string? sessionToken)
    {
        var accessKey = sessionToken is null ? TestKeys.AccessKey : TestKeys.SessionAccessKey;
        var botocore = await Botocore.AuthorizationAsync(request, region, service, accessKey, TestKeys.SecretKey, sessionToken, TestKeys.SignedAt);
        Assert.Equal(botocore, request.Header("Authorization"));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={accessKey}/20240102/{region}/{service}/aws4_request, ", botocore, StringComparison.Ordinal);
        Assert.Equal(sessionToken, request.Header("X-Amz-Security-Token"));
        return botocore;
    }
}
