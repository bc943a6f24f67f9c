using System.Net;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Denied.AwsClients.Policies;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// Credentials that may read nothing: every service answers with its own refusal (IAM and SNS query-protocol
/// AccessDenied / AuthorizationError, Lambda, Secrets Manager and Organizations AccessDeniedException). Each read is
/// reported as refused with the service's code, and the collection still ends with well-formed, empty outputs.
/// </summary>
public sealed class PolicyCollectorRefusalTests : IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/orders-fn";
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(d => d.Dispose());

    [Fact]
    public async Task EveryReadRefused_IsReportedAsRefusedWithTheServiceCode_AndNothingIsInvented()
    {
        var iamRefusal = """<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: iam:GetRole</Message></Error></ErrorResponse>""";
        var iam = new RecordingHandler().Reply(HttpStatusCode.Forbidden, iamRefusal).Reply(HttpStatusCode.Forbidden, iamRefusal).Reply(HttpStatusCode.Forbidden, iamRefusal);
        var sns = new RecordingHandler().Reply(
            HttpStatusCode.Forbidden, """<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not authorized</Message></Error></ErrorResponse>""");
        var lambda = new RecordingHandler().Reply(
            HttpStatusCode.Forbidden, """{"Message":"not authorized to perform: lambda:GetPolicy"}""", "application/json", ("X-Amzn-ErrorType", "AccessDeniedException"));
        var secrets = new RecordingHandler().Reply(
            HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"not authorized"}""", "application/x-amz-json-1.1");
        var organizations = new RecordingHandler().Reply(
            HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","Message":"You don't have permissions to access this resource."}""", "application/x-amz-json-1.1");
        var collector = Collector(iam, sns, lambda, secrets, organizations);

        var collection = await collector.CollectAsync(
            [RoleArn],
            [TestKeys.TopicArn, "arn:aws:lambda:us-east-1:123456789012:function:orders", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"],
            organization: true,
            CancellationToken.None);

        Assert.Equal(
            [
                ("iam:GetRole", RoleArn, "AccessDenied"), ("iam:ListRolePolicies", RoleArn, "AccessDenied"), ("iam:ListAttachedRolePolicies", RoleArn, "AccessDenied"),
                ("sns:GetTopicAttributes", TestKeys.TopicArn, "AuthorizationError"),
                ("lambda:GetPolicy", "arn:aws:lambda:us-east-1:123456789012:function:orders", "AccessDeniedException"),
                ("secretsmanager:GetResourcePolicy", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "AccessDeniedException"),
                ("organizations:ListParents", "123456789012", "AccessDeniedException"),
            ],
            collection.Reads.Select(r => (r.Read, r.Arn, r.Reason!.Split(':')[0])));
        Assert.All(collection.Reads, r => Assert.Equal(PolicyReadOutcome.Refused, r.Outcome));

        var role = Assert.Single(collection.AuthorizationDetails["RoleDetailList"]!.AsArray())!.AsObject();
        Assert.Equal(["Path", "RoleName", "Arn", "RolePolicyList", "AttachedManagedPolicies", "Tags"], role.Select(p => p.Key));
        Assert.Empty(collection.AuthorizationDetails["Policies"]!.AsArray());
        Assert.Empty(collection.ResourcePolicies);
        Assert.Empty(collection.OrganizationPolicies!["policies"]!.AsArray());
        Assert.Empty(collection.OrganizationPolicies["accountPaths"]!.AsObject());
        var json = collection.ReadsJson().ToJsonString();
        Assert.Contains("\"outcome\":\"refused\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LambdaMissingFunction_IsAFailedRead_WhileAFunctionWithoutPolicyIsAbsent()
    {
        var lambda = new RecordingHandler()
            .Reply(HttpStatusCode.NotFound, """{"Message":"The resource you requested does not exist.","Type":"User"}""", "application/json", ("X-Amzn-ErrorType", "ResourceNotFoundException"))
            .Reply(HttpStatusCode.NotFound, """{"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:gone","Type":"User"}""", "application/json", ("X-Amzn-ErrorType", "ResourceNotFoundException"));
        var collector = Collector(new RecordingHandler(), new RecordingHandler(), lambda, new RecordingHandler(), new RecordingHandler());

        var collection = await collector.CollectAsync(
            [], ["arn:aws:lambda:us-east-1:123456789012:function:plain", "arn:aws:lambda:us-east-1:123456789012:function:gone"], organization: false, CancellationToken.None);

        Assert.Equal([PolicyReadOutcome.Absent, PolicyReadOutcome.Failed], collection.Reads.Select(r => r.Outcome));
        Assert.StartsWith("ResourceNotFoundException", collection.Reads[1].Reason, StringComparison.Ordinal);
    }

    private PolicyCollector Collector(
        RecordingHandler iam, RecordingHandler sns, RecordingHandler lambda, RecordingHandler secrets, RecordingHandler organizations)
    {
        var settings = new AwsEndpointSettings("us-east-1", null);
        var keys = new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey);
        var noRetry = new AwsRetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero);
        HttpClient Http(RecordingHandler h) => Own(new HttpClient(h));

        // SDK clients for the kinds this test does not read; never called (nothing listens on port 1).
        var sdkKeys = new BasicAWSCredentials("x", "y");
        var resources = new ResourcePolicyReader(
            Own(new AmazonS3Client(sdkKeys, new AmazonS3Config { ServiceURL = "http://127.0.0.1:1" })),
            Own(new AmazonKeyManagementServiceClient(sdkKeys, new AmazonKeyManagementServiceConfig { ServiceURL = "http://127.0.0.1:1" })),
            Own(new AmazonSQSClient(sdkKeys, new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:1" })),
            Own(new AmazonDynamoDBClient(sdkKeys, new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" })),
            new SnsTopicPolicyClient(settings, Http(sns), keys, retry: noRetry),
            new LambdaPolicyClient(settings, Http(lambda), keys, retry: noRetry),
            new SecretsManagerPolicyClient(settings, Http(secrets), keys, retry: noRetry));
        return new PolicyCollector(
            new IamPolicyClient(settings, Http(iam), keys, retry: noRetry), resources, new OrganizationsPolicyClient(settings, Http(organizations), keys, retry: noRetry));
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
