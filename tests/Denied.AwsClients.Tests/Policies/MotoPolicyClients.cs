using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>A PolicyCollector wired to moto: real SDK clients and the hand-written clients, all on moto's endpoint.</summary>
public sealed class MotoPolicyClients : IDisposable
{
    private readonly HttpClient _http;
    private readonly AmazonS3Client _s3;
    private readonly AmazonKeyManagementServiceClient _kms;
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonDynamoDBClient _dynamo;

    /// <param name="handler">What the hand-written clients (IAM, Organizations, SNS, Lambda, Secrets Manager) send through; null: straight to moto.</param>
    public MotoPolicyClients(MotoServer moto, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        var keys = new BasicAWSCredentials("testing", "testing");
        _s3 = new AmazonS3Client(keys, new AmazonS3Config { ServiceURL = moto.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = MotoServer.Region });
        _kms = new AmazonKeyManagementServiceClient(keys, new AmazonKeyManagementServiceConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        _sqs = new AmazonSQSClient(keys, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        _dynamo = new AmazonDynamoDBClient(keys, new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var settings = new AwsEndpointSettings(MotoServer.Region, moto.Endpoint);
        var credentials = new StaticAwsCredentialsSource("testing", "testing");
        Resources = new ResourcePolicyReader(
            _s3,
            _kms,
            _sqs,
            _dynamo,
            new SnsTopicPolicyClient(settings, _http, credentials),
            new LambdaPolicyClient(settings, _http, credentials),
            new SecretsManagerPolicyClient(settings, _http, credentials));
        Collector = new PolicyCollector(
            new IamPolicyClient(settings, _http, credentials), Resources, new OrganizationsPolicyClient(settings, _http, credentials));
    }

    public ResourcePolicyReader Resources { get; }

    public PolicyCollector Collector { get; }

    public void Dispose()
    {
        _s3.Dispose();
        _kms.Dispose();
        _sqs.Dispose();
        _dynamo.Dispose();
        _http.Dispose();
    }
}
