using Amazon.DynamoDBv2;
using Amazon.SQS;
using Denied.AwsClients;
using Denied.AwsClients.Policies;
using Denied.Detector.LivePolicies;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// The composition root: reads settings, builds every client once, and checks the findings table at init so a
/// wrong deployment (missing table, missing index, no permission, unreachable endpoint) fails before any event.
/// </summary>
public static class DetectorComposition
{
    public static Task<InvocationHandler> InitAsync(CancellationToken ct) =>
        InitAsync(DetectorSettings.Read(SettingsReader.FromProcess()), Console.Out, TimeProvider.System, ct);

    public static async Task<InvocationHandler> InitAsync(DetectorSettings settings, TextWriter output, TimeProvider clock, CancellationToken ct)
    {
        var dynamo = new AmazonDynamoDBClient(Configure(new AmazonDynamoDBConfig(), settings));
        var store = new FindingStore(dynamo, settings.TableName, clock);
        await store.VerifyTableAsync(ct);

        DeadLetterSink? deadLetters = settings.DeadLetterQueueUrl is { } url
            ? new SqsDeadLetterSink(new AmazonSQSClient(Configure(new AmazonSQSConfig(), settings)), url)
            : null;

        CachedLambdaInventory? inventory = null;
        if (settings.InventoryEnabled)
        {
            var endpoint = new AwsEndpointSettings(settings.Region, settings.EndpointOverride);
            var list = new LambdaListFunctionsClient(endpoint, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, new DefaultAwsCredentialsSource(settings.Region), clock);
            inventory = new CachedLambdaInventory(list, settings.InventoryTtl, clock);
        }

        var log = new JsonLog(output, settings.FunctionName, settings.LogLevel);
        var metrics = new EmfMetrics(output, settings.MetricsNamespace, settings.FunctionName, clock);
        LivePolicyDiagnosis? livePolicies = null;
        if (settings.ReadPolicies)
        {
            // Each policy read has its own timeout; the batch's reads also stop at half the invocation's time.
            var readers = new PolicyReaders(settings.Region, settings.EndpointOverride, new HttpClient { Timeout = TimeSpan.FromSeconds(5) });
            livePolicies = new LivePolicyDiagnosis(
                new CollectorPolicyReader(readers.Collector, readers.Resources), settings.PolicyCachePeriod, settings.PolicyLookupsPerBatch, clock, log, metrics);
        }

        var handler = Handler(store, deadLetters, inventory, settings.SuppressionTtl, log, metrics, clock, livePolicies);
        log.Info("detector ready", ("table", settings.TableName), ("inventory", settings.InventoryEnabled), ("readPolicies", settings.ReadPolicies));
        return handler.HandleAsync;
    }

    /// <summary>The handler and its parts over clients already built (the composition root's wiring, shared with tests and benchmarks).</summary>
    public static DetectorHandler Handler(
        FindingStore store, DeadLetterSink? deadLetters, CachedLambdaInventory? inventory, TimeSpan suppressionTtl, JsonLog log, EmfMetrics metrics, TimeProvider clock,
        LivePolicyDiagnosis? livePolicies = null) =>
        new(new FindingWriter(store, log, metrics), new DeadLetterer(deadLetters, store, log),
            new DetectorContext(store, inventory, suppressionTtl, clock, log), new IntakeReport(log, metrics), log, metrics, clock, livePolicies);

    private static T Configure<T>(T config, DetectorSettings settings) where T : Amazon.Runtime.ClientConfig
    {
        config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        if (settings.EndpointOverride is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }

        return config;
    }
}
