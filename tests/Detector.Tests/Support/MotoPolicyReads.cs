using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Denied.AwsClients;
using Denied.AwsClients.Policies;
using Denied.Detector.LivePolicies;
using Denied.TestSupport;

namespace Detector.Tests.Support;

/// <summary>
/// The Detector's live policy reader wired to moto as PolicyReaders wires it to AWS (SDK clients for S3, KMS, SQS and
/// DynamoDB, hand-written clients for IAM, SNS, Lambda and Secrets Manager), every request through one
/// <see cref="CountingPolicyHandler"/> that counts it by operation and can answer chosen ones with the service's
/// AccessDenied instead of passing them to moto.
/// </summary>
public sealed class MotoPolicyReads : IDisposable
{
    private readonly HttpClient _http;
    private readonly List<IDisposable> _owned = [];

    public MotoPolicyReads(MotoServer moto, Func<string, bool>? refuse = null)
    {
        Requests = new CountingPolicyHandler(refuse ?? (_ => false));
        _http = new HttpClient(Requests, disposeHandler: false);
        var keys = new BasicAWSCredentials("testing", "testing");
        var factory = new FaultInjectingHttpClientFactory(Requests);
        T Own<T>(T client) where T : IDisposable
        {
            _owned.Add(client);
            return client;
        }

        var s3 = Own(new AmazonS3Client(keys, new AmazonS3Config { ServiceURL = moto.EndpointUrl, ForcePathStyle = true, AuthenticationRegion = MotoServer.Region, HttpClientFactory = factory }));
        var kms = Own(new AmazonKeyManagementServiceClient(keys, new AmazonKeyManagementServiceConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region, HttpClientFactory = factory }));
        var sqs = Own(new AmazonSQSClient(keys, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region, HttpClientFactory = factory }));
        var dynamo = Own(new AmazonDynamoDBClient(keys, new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region, HttpClientFactory = factory }));
        var settings = new AwsEndpointSettings(MotoServer.Region, moto.Endpoint);
        var credentials = new StaticAwsCredentialsSource("testing", "testing");
        var resources = new ResourcePolicyReader(s3, kms, sqs, dynamo,
            new SnsTopicPolicyClient(settings, _http, credentials), new LambdaPolicyClient(settings, _http, credentials), new SecretsManagerPolicyClient(settings, _http, credentials));
        Reader = new CollectorPolicyReader(
            new PolicyCollector(new IamPolicyClient(settings, _http, credentials), resources, new OrganizationsPolicyClient(settings, _http, credentials)), resources);
    }

    public CountingPolicyHandler Requests { get; }

    public LivePolicyReader Reader { get; }

    public void Dispose()
    {
        _owned.ForEach(d => d.Dispose());
        _http.Dispose();
        Requests.Dispose();
    }
}

/// <summary>
/// Counts every request by operation ("query:GetRole" from a query-protocol body's Action (IAM, SNS), "rest:GET
/// /bucket?policy" for REST services (S3, Lambda), the X-Amz-Target operation for JSON services) and refuses the operations <paramref name="refuse"/> names with
/// IAM's 403 AccessDenied.
/// </summary>
public sealed class CountingPolicyHandler(Func<string, bool> refuse) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = await OperationAsync(request, cancellationToken);
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (refuse(operation))
        {
            return new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent(
                    $"""<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/denied-detector/x is not authorized to perform: {operation}</Message></Error><RequestId>test</RequestId></ErrorResponse>""",
                    Encoding.UTF8, "text/xml"),
                RequestMessage = request,
            };
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string> OperationAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            return targets.First();
        }

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var action = body.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        if (action is not null)
        {
            return "query:" + action["Action=".Length..];
        }

        return $"rest:{request.Method} {request.RequestUri!.AbsolutePath}{request.RequestUri.Query}";
    }
}
