using System.Net;
using Amazon.S3;
using Denied.AwsClients.Policies;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>The small rules the readers share: role ARN parts, refusal vs failure, document decoding, global endpoints.</summary>
public sealed class PolicyReadingRulesTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/orders-fn", "/", "orders-fn")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/orders-fn", "/service-role/", "orders-fn")]
    [InlineData("arn:aws:iam::123456789012:role/a/b/c/orders-fn", "/a/b/c/", "orders-fn")]
    [InlineData("arn:aws-cn:iam::123456789012:role/x", "/", "x")]
    public void RolePathAndName_SplitTheRoleArnAsIamDoes(string arn, string path, string name) =>
        Assert.Equal((path, name), PolicyCollector.RolePathAndName(arn));

    [Theory]
    [InlineData("AccessDenied", 403, PolicyReadOutcome.Refused)]
    [InlineData("AccessDeniedException", 400, PolicyReadOutcome.Refused)]
    [InlineData("AuthorizationError", 403, PolicyReadOutcome.Refused)]
    [InlineData(null, 403, PolicyReadOutcome.Refused)]
    [InlineData("NoSuchEntity", 404, PolicyReadOutcome.Failed)]
    [InlineData("AWSOrganizationsNotInUseException", 400, PolicyReadOutcome.Failed)]
    [InlineData("Throttling", 400, PolicyReadOutcome.Failed)]
    [InlineData(null, 0, PolicyReadOutcome.Failed)]
    public void AFailedRead_IsRefusedOnlyForTheServicesNotAuthorizedCodes(string? code, int status, PolicyReadOutcome expected)
    {
        var ours = new AwsServiceException("GetRole", "arn:x", status, code, false, "m");
        var sdk = new AmazonS3Exception("m") { ErrorCode = code, StatusCode = (HttpStatusCode)status };

        Assert.Equal(expected, PolicyReadFailure.Describe("iam:GetRole", "arn:x", null, ours).Outcome);
        Assert.Equal(expected, PolicyReadFailure.Describe("s3:GetBucketPolicy", "arn:x", null, sdk).Outcome);
        Assert.Equal(code is null ? "m" : code + ": m", PolicyReadFailure.Describe("s3:GetBucketPolicy", "arn:x", null, sdk).Reason);
    }

    [Theory]
    [InlineData("%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%2520c%22%7D", true, "arn:aws:s3:::a+b%20c")]
    [InlineData("%7B%22Resource%22%3A%22a+b%22%7D", true, "a+b")]
    [InlineData("""{"Resource":"a%20b"}""", false, "a%20b")]
    public void Documents_AreDecodedOnceAndOnlyWhenUrlEncoded(string text, bool urlEncoded, string resource) =>
        Assert.Equal(resource, (string?)PolicyDocumentText.Parse(text, urlEncoded)["Resource"]);

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    public void ADocumentThatIsNotAJsonObject_IsAPolicyDocumentException(string text) =>
        Assert.Throws<PolicyDocumentException>(() => PolicyDocumentText.Parse(text, urlEncoded: false));

    [Theory]
    [InlineData("eu-west-1", null, "https://iam.amazonaws.com/", "us-east-1", "https://organizations.us-east-1.amazonaws.com/", "us-east-1")]
    [InlineData("cn-northwest-1", null, "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData("eu-west-1", "http://127.0.0.1:5000", "http://127.0.0.1:5000/", "eu-west-1", "http://127.0.0.1:5000/", "eu-west-1")]
    public void GlobalServices_HaveOneEndpointPerPartition_AndAnOverrideKeepsTheCallersRegion(
        string region, string? endpointOverride, string iam, string iamRegion, string organizations, string organizationsRegion)
    {
        var settings = new AwsEndpointSettings(region, endpointOverride is null ? null : new Uri(endpointOverride));

        Assert.Equal((new Uri(iam), iamRegion), GlobalServiceEndpoint.Iam(settings));
        Assert.Equal((new Uri(organizations), organizationsRegion), GlobalServiceEndpoint.Organizations(settings));
    }
}
