using System.Net;
using System.Text.Json;
using Denied.AwsClients;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier;
using Denied.TestSupport;

namespace Notifier.Tests;

/// <summary>Failures map to one batch item failure at the first failed record, and nothing is marked sent.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class NotifierFailureTests(MotoServer moto)
{
    [Fact]
    public async Task SnsUnavailable_ReportsTheFirstFindingRecordAndMarksNothingSent()
    {
        var table = await NotifierTable.CreateAsync(moto);
        var get = SomeDiagnosis.For();
        var list = SomeDiagnosis.For(action: "s3:ListBucket", resource: "arn:aws:s3:::acme-orders");
        await table.Store.RecordAsync(SomeDiagnosis.Observation(get, "e-1"));
        await table.Store.RecordAsync(SomeDiagnosis.Observation(list, "e-2"));
        var records = StreamEvents.After(await table.StreamAsync(), null);
        var firstFinding = records.First(r => StreamEvents.SortKey(r) == "FINDING");
        var sns = new SnsClient(new AwsEndpointSettings(MotoServer.Region, new Uri("http://127.0.0.1:1/")),
            new HttpClient(new StatusHandler(HttpStatusCode.ServiceUnavailable)), new StaticAwsCredentialsSource("testing", "testing"),
            retry: new AwsRetryPolicy(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)));
        var log = new StringWriter();
        var (handler, metrics) = Handler(table, sns, log);

        var failures = await NotifierEndToEndTests.InvokeAsync(handler, records);

        Assert.Equal([StreamEvents.Sequence(firstFinding)], failures);
        Assert.Equal("claimed", await table.MarkerStateAsync(Denied.Findings.FindingKey.For(get)!.Id, "new"));
        Assert.Null(await table.MarkerStateAsync(Denied.Findings.FindingKey.For(list)!.Id, "new"));
        Assert.Empty(await MotoAws.ReceiveAsync(moto, table.QueueUrl));
        Assert.Contains("\"TransientFailures\":1", log.ToString(), StringComparison.Ordinal);

        // The retry Lambda makes from that record on, with SNS back: the earlier claim is published, once.
        var retry = await NotifierEndToEndTests.HandlerAsync(table);
        var again = records.SkipWhile(r => r != firstFinding);
        Assert.Empty(await NotifierEndToEndTests.InvokeAsync(retry, again));
        Assert.Equal(2, (await MotoAws.ReceiveAsync(moto, table.QueueUrl)).Count);
        Assert.Equal("sent", await table.MarkerStateAsync(Denied.Findings.FindingKey.For(get)!.Id, "new"));
    }

    [Fact]
    public async Task AMissingTopic_IsAPermanentFailureReportedForTheOnFailureDestination()
    {
        var table = await NotifierTable.CreateAsync(moto);
        await table.Store.RecordAsync(SomeDiagnosis.Observation(SomeDiagnosis.For(), "e-1"));
        var records = StreamEvents.After(await table.StreamAsync(), null);
        var sns = new SnsClient(new AwsEndpointSettings(MotoServer.Region, new Uri(moto.EndpointUrl + "/")), new HttpClient(),
            new StaticAwsCredentialsSource("testing", "testing"));
        var log = new StringWriter();
        var (handler, _) = Handler(table, sns, log, "arn:aws:sns:us-east-1:123456789012:no-such-topic");

        var failures = await NotifierEndToEndTests.InvokeAsync(handler, records);

        Assert.Equal([StreamEvents.Sequence(records.First(r => StreamEvents.SortKey(r) == "FINDING"))], failures);
        Assert.Contains("\"PermanentFailures\":1", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("is not authorized to perform", log.ToString(), StringComparison.Ordinal);
    }

    private static (InvocationHandler Handler, EmfMetrics Metrics) Handler(NotifierTable table, SnsPublisher sns, TextWriter output, string? topicArn = null)
    {
        var log = new JsonLog(output, "denied-notifier");
        var metrics = new EmfMetrics(output, "Denied", "denied-notifier", TimeProvider.System);
        var processor = new StreamRecordProcessor(table.Store, sns, topicArn ?? table.TopicArn, [100], log, metrics);
        return (new NotifierHandler(processor, log, metrics, TimeProvider.System).HandleAsync, metrics);
    }
}
