using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using Denied.Notifications;

namespace Denied.Benchmarks;

/// <summary>
/// A DynamoDB that answers the FindingStore's write path from memory and counts every call: reads find nothing
/// (fresh events), every transaction succeeds. It also keeps each finding's count from the applied-token markers,
/// so <see cref="NotificationsDue"/> can say what the Notifier would publish for the stream images these writes
/// make (NotificationDecider, the Notifier's own rule). Built with DispatchProxy: benchmark-only, not AOT.
/// </summary>
public class CountingDynamoDb : DispatchProxy
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _findingCounts = new(StringComparer.Ordinal);
    private IReadOnlyList<long> _thresholds = [];

    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>TransactWriteItems calls that held an Update of a finding item (the hot key in a storm).</summary>
    public int FindingItemWrites { get; private set; }

    /// <summary>Notifications the Notifier would send for the finding-item changes seen so far (new + thresholds).</summary>
    public int NotificationsDue { get; private set; }

    public static (IAmazonDynamoDB Client, CountingDynamoDb Counter) Create(IReadOnlyList<long>? thresholds = null)
    {
        var client = Create<IAmazonDynamoDB, CountingDynamoDb>();
        var counter = (CountingDynamoDb)(object)client;
        counter._thresholds = thresholds ?? [];
        return (client, counter);
    }

    public void Reset()
    {
        _calls.Clear();
        _findingCounts.Clear();
        FindingItemWrites = 0;
        NotificationsDue = 0;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var name = targetMethod!.Name;
        _calls.AddOrUpdate(name, 1, (_, n) => n + 1);
        return name switch
        {
            "BatchGetItemAsync" => Task.FromResult(new BatchGetItemResponse { Responses = [], UnprocessedKeys = [] }),
            "GetItemAsync" => Task.FromResult(new GetItemResponse()),
            "QueryAsync" => Task.FromResult(new QueryResponse { Items = [], Count = 0 }),
            "TransactWriteItemsAsync" => Task.FromResult(Transact((TransactWriteItemsRequest)args![0]!)),
            "Dispose" => null,
            _ => throw new NotSupportedException($"CountingDynamoDb does not answer {name}"),
        };
    }

    private TransactWriteItemsResponse Transact(TransactWriteItemsRequest request)
    {
        var update = request.TransactItems.FirstOrDefault(i => i.Update is not null)?.Update;
        if (update is null)
        {
            return new TransactWriteItemsResponse();
        }

        FindingItemWrites++;
        var id = update.Key["pk"].S;
        var added = request.TransactItems.Where(i => i.Put?.Item.ContainsKey("batchCount") == true).Sum(i => long.Parse(i.Put.Item["batchCount"].N, System.Globalization.CultureInfo.InvariantCulture));
        long? before = _findingCounts.TryGetValue(id, out var c) ? c : null;
        var after = (before ?? 0) + added;
        _findingCounts[id] = after;
        NotificationsDue += NotificationDecider.Decide(before is { } b ? Image(id, b) : null, Image(id, after), _thresholds).Count;
        return new TransactWriteItemsResponse();
    }

    private static readonly Lazy<Diagnostics.Diagnosis> SampleDiagnosis = new(() =>
        new Diagnostics.Diagnoser(Iam.IamCatalog.Default).Diagnose(CloudTrail.CloudTrailRecordParser.Parse(System.Text.Encoding.UTF8.GetBytes(Samples.DenialEnvelope)).Record!));

    private static Finding Image(string id, long count) => new()
    {
        Id = id,
        Key = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/r", "s3:GetObject", "*", default),
        Status = FindingStatus.Open,
        Count = count,
        FirstSeen = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
        Diagnosis = SampleDiagnosis.Value,
    };
}
