using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.Findings;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier;
using Denied.TestSupport;

namespace Notifier.Tests;

/// <summary>
/// The Notifier on moto: findings written by the real FindingStore, the stream records moto recorded fed to the
/// handler built by the composition root, and what an SQS subscriber of the topic receives.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class NotifierEndToEndTests(MotoServer moto)
{
    [Fact]
    public async Task NewFindings_EachReachTheSubscriberOnceWithAttributesAndStructuredJson()
    {
        var table = await NotifierTable.CreateAsync(moto);
        var get = SomeDiagnosis.For();
        var list = SomeDiagnosis.For(action: "s3:ListBucket", resource: "arn:aws:s3:::acme-orders");
        await table.Store.RecordAsync(SomeDiagnosis.Observation(get, "e-1", "e-2"));
        await table.Store.RecordAsync(SomeDiagnosis.Observation(list, "e-3"));
        var log = new StringWriter();
        var handler = await HandlerAsync(table, log: log);

        var failures = await InvokeAsync(handler, StreamEvents.After(await table.StreamAsync(), null));

        Assert.True(failures.Count == 0, log.ToString());
        var messages = await MotoAws.ReceiveAsync(moto, table.QueueUrl);
        Assert.Equal(2, messages.Count);
        var byId = messages.ToDictionary(m => m["MessageAttributes"]!["findingId"]!["Value"]!.GetValue<string>());
        var sent = byId[FindingKey.For(get)!.Id];
        Assert.Equal("Denied: orders-api cannot s3:GetObject (identity-policy)", sent["Subject"]!.GetValue<string>());
        var attributes = sent["MessageAttributes"]!;
        Assert.Equal("123456789012", attributes["account"]!["Value"]!.GetValue<string>());
        Assert.Equal("orders-api", attributes["function"]!["Value"]!.GetValue<string>());
        Assert.Equal("s3", attributes["service"]!["Value"]!.GetValue<string>());
        Assert.Equal("identity-policy", attributes["layer"]!["Value"]!.GetValue<string>());
        Assert.Equal("low", attributes["severity"]!["Value"]!.GetValue<string>());
        Assert.Equal("String", attributes["severity"]!["Type"]!.GetValue<string>());

        // The sqs key of the envelope: the structured JSON, not the chat or email form.
        using var structured = JsonDocument.Parse(sent["Message"]!.GetValue<string>());
        Assert.Equal("denied.finding", structured.RootElement.GetProperty("type").GetString());
        Assert.Equal("new", structured.RootElement.GetProperty("transition").GetString());
        var finding = structured.RootElement.GetProperty("finding");
        Assert.Equal(FindingKey.For(get)!.Id, finding.GetProperty("findingId").GetString());
        Assert.Equal(2, finding.GetProperty("count").GetInt64());
        Assert.Equal("s3:GetObject", finding.GetProperty("action").GetString());
        Assert.Equal("execution-role", finding.GetProperty("fix").GetProperty("target").GetString());
        Assert.Equal("sent", await table.MarkerStateAsync(FindingKey.For(get)!.Id, "new"));
    }

    [Fact]
    public async Task TheSameStreamRecordsDeliveredTwice_PublishOnlyOnce()
    {
        var table = await NotifierTable.CreateAsync(moto);
        await table.Store.RecordAsync(SomeDiagnosis.Observation(SomeDiagnosis.For(), "e-1"));
        var handler = await HandlerAsync(table);
        var records = StreamEvents.After(await table.StreamAsync(), null);

        Assert.Empty(await InvokeAsync(handler, records));
        Assert.Single(await MotoAws.ReceiveAsync(moto, table.QueueUrl));
        Assert.Empty(await InvokeAsync(handler, records));
        Assert.Empty(await MotoAws.ReceiveAsync(moto, table.QueueUrl));
    }

    [Fact]
    public async Task AResolvedFindingSeenAgain_SendsOneReopenedNotification()
    {
        var table = await NotifierTable.CreateAsync(moto);
        var diagnosis = SomeDiagnosis.For();
        var id = FindingKey.For(diagnosis)!.Id;
        await table.Store.RecordAsync(SomeDiagnosis.Observation(diagnosis, "e-1"));
        var handler = await HandlerAsync(table);
        var first = StreamEvents.After(await table.StreamAsync(), null);
        Assert.Empty(await InvokeAsync(handler, first));
        Assert.Single(await MotoAws.ReceiveAsync(moto, table.QueueUrl));

        await table.Store.ResolveAsync(id);
        await table.Store.RecordAsync(SomeDiagnosis.Observation(diagnosis, "e-2"));
        var later = StreamEvents.After(await table.StreamAsync(), StreamEvents.Sequence(first[^1]));
        Assert.Empty(await InvokeAsync(handler, later));

        var message = Assert.Single(await MotoAws.ReceiveAsync(moto, table.QueueUrl));
        Assert.Equal("Denied (reopened): orders-api cannot s3:GetObject (identity-policy)", message["Subject"]!.GetValue<string>());
        Assert.Equal("reopened", message["MessageAttributes"]!["transition"]!["Value"]!.GetValue<string>());
        using var structured = JsonDocument.Parse(message["Message"]!.GetValue<string>());
        Assert.Equal("reopened#1", structured.RootElement.GetProperty("transition").GetString());
        Assert.Equal(1, structured.RootElement.GetProperty("finding").GetProperty("reopenCount").GetInt32());
    }

    [Fact]
    public async Task CountPassingAThreshold_SendsOneThresholdNotification()
    {
        var table = await NotifierTable.CreateAsync(moto);
        var diagnosis = SomeDiagnosis.For();
        await table.Store.RecordAsync(SomeDiagnosis.Observation(diagnosis, "e-1"));
        var handler = await HandlerAsync(table, [2, 3]);
        var first = StreamEvents.After(await table.StreamAsync(), null);
        Assert.Empty(await InvokeAsync(handler, first));
        await MotoAws.ReceiveAsync(moto, table.QueueUrl);

        await table.Store.RecordAsync(SomeDiagnosis.Observation(diagnosis, "e-2", "e-3", "e-4"));
        Assert.Empty(await InvokeAsync(handler, StreamEvents.After(await table.StreamAsync(), StreamEvents.Sequence(first[^1]))));

        var message = Assert.Single(await MotoAws.ReceiveAsync(moto, table.QueueUrl));
        using var structured = JsonDocument.Parse(message["Message"]!.GetValue<string>());
        Assert.Equal("threshold#3", structured.RootElement.GetProperty("transition").GetString());
    }

    [Theory]
    [InlineData(LogLevel.Info, true)]
    [InlineData(LogLevel.Warn, false)]
    public async Task LogLevelSettingReachesTheFunctionsLog(LogLevel level, bool readyLineWritten)
    {
        var table = await NotifierTable.CreateAsync(moto);
        var settings = new NotifierSettings(MotoServer.Region, NotifierTable.Name, table.TopicArn, [100], "Denied", "denied-notifier", table.Endpoint) { LogLevel = level };
        var log = new StringWriter();

        await NotifierComposition.InitAsync(settings, log, TimeProvider.System, CancellationToken.None);

        Assert.Equal(readyLineWritten, log.ToString().Contains("notifier ready", StringComparison.Ordinal));
    }

    internal static async Task<InvocationHandler> HandlerAsync(NotifierTable table, long[]? thresholds = null, TextWriter? log = null)
    {
        var settings = new NotifierSettings(MotoServer.Region, NotifierTable.Name, table.TopicArn, thresholds ?? [100, 1000, 10000], "Denied", "denied-notifier", table.Endpoint);
        return await NotifierComposition.InitAsync(settings, log ?? TextWriter.Null, TimeProvider.System, CancellationToken.None);
    }

    internal static async Task<IReadOnlyList<string>> InvokeAsync(InvocationHandler handler, IEnumerable<JsonNode> records)
    {
        var context = new InvocationContext("req-1", DateTimeOffset.UtcNow.AddMinutes(5), null, null);
        var response = await handler(StreamEvents.Event(records), context, CancellationToken.None);
        using var doc = JsonDocument.Parse(response);
        return doc.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToList();
    }
}
