using Amazon;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The composition of every policy reader for one region and optional endpoint override: the SDK clients (S3 in
/// path style when the endpoint is overridden, as local emulators need) and the hand-written clients, all with the
/// default credential chain. Owns the SDK clients; the caller owns the HttpClient passed to the constructor.
/// </summary>
public sealed class PolicyReaders : IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly AmazonKeyManagementServiceClient _kms;
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonDynamoDBClient _dynamo;

    public PolicyReaders(string region, Uri? endpointOverride, HttpClient http)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(http);
        var settings = new AwsEndpointSettings(region, endpointOverride);
        settings.EndpointFor("sts"); // rejects a bad region or override before any client exists
        var credentials = new DefaultAwsCredentialsSource(region);
        _s3 = new AmazonS3Client(Configure(new AmazonS3Config { ForcePathStyle = endpointOverride is not null }, region, endpointOverride));
        _kms = new AmazonKeyManagementServiceClient(Configure(new AmazonKeyManagementServiceConfig(), region, endpointOverride));
        _sqs = new AmazonSQSClient(Configure(new AmazonSQSConfig(), region, endpointOverride));
        _dynamo = new AmazonDynamoDBClient(Configure(new AmazonDynamoDBConfig(), region, endpointOverride));
        Resources = new ResourcePolicyReader(
            _s3,
            _kms,
            _sqs,
            _dynamo,
            new SnsTopicPolicyClient(settings, http, credentials),
            new LambdaPolicyClient(settings, http, credentials),
            new SecretsManagerPolicyClient(settings, http, credentials));
        Collector = new PolicyCollector(new IamPolicyClient(settings, http, credentials), Resources, new OrganizationsPolicyClient(settings, http, credentials));
        AccessTroubleshooter = new AccessTroubleshooterClient(settings, http, credentials);
    }

    public PolicyCollector Collector { get; }

    public ResourcePolicyReader Resources { get; }

    public AccessTroubleshooterClient AccessTroubleshooter { get; }

    public void Dispose()
    {
        _s3.Dispose();
        _kms.Dispose();
        _sqs.Dispose();
        _dynamo.Dispose();
    }

    private static T Configure<T>(T config, string region, Uri? endpointOverride) where T : ClientConfig
    {
        if (endpointOverride is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpointOverride.GetLeftPart(UriPartial.Authority);
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
