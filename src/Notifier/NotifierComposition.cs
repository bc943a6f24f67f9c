using Amazon.DynamoDBv2;
using Denied.AwsClients;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;
using Denied.Store;

namespace Denied.Notifier;

/// <summary>
/// The composition root: reads settings, builds the DynamoDB and SNS clients once, and checks the findings table
/// at init, so a wrong deployment (bad settings, missing table or stream, no permission, unreachable endpoint)
/// fails init with a clear message before any record is taken.
/// </summary>
public static class NotifierComposition
{
    public static Task<InvocationHandler> InitAsync(CancellationToken ct) =>
        InitAsync(NotifierSettings.Read(SettingsReader.FromProcess()), Console.Out, TimeProvider.System, ct);

    public static async Task<InvocationHandler> InitAsync(NotifierSettings settings, TextWriter output, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonDynamoDBConfig { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region) };
        if (settings.EndpointOverride is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }

        var store = new FindingStore(new AmazonDynamoDBClient(config), settings.TableName, clock);
        await store.VerifyTableAsync(ct);

        // One HttpClient for the life of the process; its timeout bounds each Publish attempt.
        var sns = new SnsClient(
            new AwsEndpointSettings(settings.Region, settings.EndpointOverride),
            new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
            new DefaultAwsCredentialsSource(settings.Region),
            clock);
        var log = new JsonLog(output, settings.FunctionName, settings.LogLevel);
        var metrics = new EmfMetrics(output, settings.MetricsNamespace, settings.FunctionName, clock);
        var processor = new StreamRecordProcessor(store, sns, settings.TopicArn, settings.CountThresholds, log, metrics);
        var handler = new NotifierHandler(processor, log, metrics, clock);
        log.Info("notifier ready: table verified", ("table", settings.TableName), ("thresholds", string.Join(',', settings.CountThresholds)));
        return handler.HandleAsync;
    }
}
