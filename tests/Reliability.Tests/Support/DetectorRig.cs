using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Denied.Detector;
using Denied.Detector.Events;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;
using Denied.TestSupport;

namespace Reliability.Tests.Support;

/// <summary>
/// The Detector on moto: the findings table from FindingTableSchema, and handlers wired as the composition root
/// wires them, over a DynamoDB client on any endpoint (moto itself, or the fault proxy in front of it).
/// </summary>
public sealed class DetectorRig
{
    public const string Table = "denied-findings";

    /// <summary>moto 5 caps TransactWriteItems at 25 items (DynamoDB: 100).</summary>
    public static FindingStoreOptions MotoOptions { get; } = new() { TransactionMaxItems = 25 };

    public FixedClock Clock { get; } = new();

    public static async Task<DetectorRig> CreateAsync(MotoServer moto)
    {
        await moto.ResetAsync();
        using var dynamo = Dynamo(moto.EndpointUrl);
        await dynamo.CreateTableAsync(FindingTableSchema.CreateTableRequest(Table));
        return new DetectorRig();
    }

    public static AmazonDynamoDBClient Dynamo(string endpoint, int maxErrorRetry = 3) =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint,
            AuthenticationRegion = MotoServer.Region,
            MaxErrorRetry = maxErrorRetry,
            Timeout = TimeSpan.FromSeconds(30),
        });

    public FindingStore Store(IAmazonDynamoDB dynamo) => new(dynamo, Table, Clock, MotoOptions);

    public DetectorHandler Handler(IAmazonDynamoDB dynamo, DeadLetterSink? deadLetters, TextWriter output)
    {
        var store = Store(dynamo);
        var log = new JsonLog(output, "denied-detector");
        var metrics = new EmfMetrics(output, "Denied", "denied-detector", Clock);
        return DetectorComposition.Handler(store, deadLetters, null, TimeSpan.FromMinutes(1), log, metrics, Clock);
    }

    public InvocationContext Invocation() =>
        new("req-" + Guid.NewGuid().ToString("N"), Clock.GetUtcNow().AddMinutes(5), "arn:aws:lambda:us-east-1:123456789012:function:denied-detector", null);

    public static byte[] SqsEvent(IEnumerable<(string MessageId, string Body)> messages) =>
        JsonSerializer.SerializeToUtf8Bytes(new SqsEvent
        {
            Records = messages.Select(m => new SqsMessage
            {
                MessageId = m.MessageId,
                Body = m.Body,
                Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
                EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:denied-buffer",
            }).ToList(),
        }, DetectorEventsJsonContext.Default.SqsEvent);

    public static IReadOnlyList<string> Failures(byte[] response) =>
        JsonSerializer.Deserialize(response, DetectorEventsJsonContext.Default.SqsBatchResponse)!.BatchItemFailures
            .Select(f => f.ItemIdentifier).ToList();

    /// <summary>The sum of one EMF metric over every metrics line written.</summary>
    public static long Metric(string output, string name) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line.ContainsKey("_aws") && line.ContainsKey(name))
            .Sum(line => (long)line[name]!);
}
