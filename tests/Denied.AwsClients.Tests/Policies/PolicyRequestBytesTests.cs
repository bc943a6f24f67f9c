using System.Text.Json.Nodes;
using Amazon.Runtime;
using Denied.AwsClients.Policies;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// Every other operation of the hand-written policy readers: the exact body each request carries, and botocore's
/// SigV4 signature for the bytes our signer produced (the same signer the clients' pipeline uses).
/// </summary>
public sealed class PolicyRequestBytesTests
{
    private static readonly Uri Iam = new("https://iam.amazonaws.com/");
    private static readonly Uri Organizations = new("https://organizations.us-east-1.amazonaws.com/");
    private const string RoleArn = "arn:aws:iam::123456789012:role/orders-fn";
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/app/orders-read";

    public static TheoryData<string, string, string> IamRequests => new()
    {
        { "ListRolePolicies", "Action=ListRolePolicies&RoleName=orders-fn&Version=2010-05-08", "RoleName=orders-fn" },
        { "GetRolePolicy", "Action=GetRolePolicy&PolicyName=read%20orders%2Bmore&RoleName=orders-fn&Version=2010-05-08", "RoleName=orders-fn|PolicyName=read orders+more" },
        { "GetPolicy", "Action=GetPolicy&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fapp%2Forders-read&Version=2010-05-08", "PolicyArn=" + PolicyArn },
        {
            "GetPolicyVersion",
            "Action=GetPolicyVersion&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fapp%2Forders-read&Version=2010-05-08&VersionId=v3",
            "PolicyArn=" + PolicyArn + "|VersionId=v3"
        },
    };

    [Theory]
    [MemberData(nameof(IamRequests))]
    public async Task IamOperation_HasTheFormBody_AndSignsLikeBotocore(string action, string expectedBody, string parameters)
    {
        var pairs = parameters.Split('|').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1]));

        var request = await SignAsync(IamPolicyClient.Build(Iam, action, pairs, RoleArn), "us-east-1", "iam");

        Assert.Equal(expectedBody, request.BodyText);
        Assert.Equal(await Botocore.AuthorizationAsync(request, "us-east-1", "iam", TestKeys.AccessKey, TestKeys.SecretKey, null, TestKeys.SignedAt), request.Header("Authorization"));
    }

    public static TheoryData<string, string> OrganizationsRequests => new()
    {
        { "ListPoliciesForTarget", """{"TargetId":"ou-abcd-11111111","Filter":"RESOURCE_CONTROL_POLICY","NextToken":"n/+="}""" },
        { "DescribePolicy", """{"PolicyId":"p-examplepolicyid111"}""" },
    };

    [Theory]
    [MemberData(nameof(OrganizationsRequests))]
    public async Task OrganizationsOperation_HasTheJsonBodyAndTarget_AndSignsLikeBotocore(string operation, string body)
    {
        var request = await SignAsync(OrganizationsPolicyClient.Build(Organizations, operation, (JsonObject)JsonNode.Parse(body)!, null), "us-east-1", "organizations");

        Assert.Equal(body, request.BodyText);
        Assert.Equal("AWSOrganizationsV20161128." + operation, request.Header("X-Amz-Target"));
        Assert.Equal(
            await Botocore.AuthorizationAsync(request, "us-east-1", "organizations", TestKeys.AccessKey, TestKeys.SecretKey, null, TestKeys.SignedAt),
            request.Header("Authorization"));
    }

    private static async Task<CapturedRequest> SignAsync(AwsRequest request, string region, string service)
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        using var message = new AwsRequestSigner(region, service).Sign(request, new ImmutableCredentials(TestKeys.AccessKey, TestKeys.SecretKey, string.Empty), TestKeys.SignedAt);
        using var _ = await http.SendAsync(message);
        return Assert.Single(handler.Requests);
    }
}
