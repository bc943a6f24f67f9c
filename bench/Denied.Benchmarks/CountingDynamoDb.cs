using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using Denied.Notifications;

namespace Denied.Benchmarks;

/// <summary>
/// A DynamoDB that answers the FindingStore's write path from memory and counts every call: ledger reads find nothing
/// (fresh events), every transaction succeeds. It keeps each finding's count from the applied-token markers, and
/// with <c>keepFindings</c> also the finding item's plain attributes (each <c>#name = :value</c> of the update), so a
/// later GetItem of the finding finds it and the store plans an update of an existing finding, as against a table;
/// <see cref="NotificationsDue"/> is then what the Notifier would publish for the stream images these writes make
/// (NotificationDecider, the Notifier's own rule, reads the <c>change</c> the store wrote). Without it every batch
/// writes its finding as new. Built with DispatchProxy: benchmark-only, not AOT.
/// </summary>
public class CountingDynamoDb : DispatchProxy
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _findingCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AttributeValue>> _findingItems = new(StringComparer.Ordinal);
    private IReadOnlyList<long> _thresholds = [];
    private bool _keepFindings;

    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>TransactWriteItems calls that held an Update of a finding item (the hot key in a storm).</summary>
    public int FindingItemWrites { get; private set; }

    /// <summary>Notifications the Notifier would send for the finding-item changes seen so far (new + thresholds).</summary>
    public int NotificationsDue { get; private set; }

    public static (IAmazonDynamoDB Client, CountingDynamoDb Counter) Create(IReadOnlyList<long>? thresholds = null, bool keepFindings = false)
    {
        var client = Create<IAmazonDynamoDB, CountingDynamoDb>();
        var counter = (CountingDynamoDb)(object)client;
        counter._thresholds = thresholds ?? [];
        counter._keepFindings = keepFindings;
        return (client, counter);
    }

    public void Reset()
    {
        _calls.Clear();
        _findingCounts.Clear();
        _findingItems.Clear();
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
            "GetItemAsync" => Task.FromResult(GetItem((GetItemRequest)args![0]!)),
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
        var item = Assigned(update);
        if (_keepFindings)
        {
            var kept = _findingItems.TryGetValue(id, out var k) ? k : _findingItems[id] = new(StringComparer.Ordinal) { ["pk"] = new AttributeValue { S = id } };
            foreach (var (name, value) in item)
            {
                kept[name] = value;
            }

            kept["count"] = new AttributeValue { N = after.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        var change = FindingChangeCodes.Parse(item.GetValueOrDefault("change")?.S);
        NotificationsDue += NotificationDecider.Decide(before is { } b ? Image(id, b, null) : null, Image(id, after, change), _thresholds).Count;
        return new TransactWriteItemsResponse();
    }

    private GetItemResponse GetItem(GetItemRequest request) =>
        _keepFindings && _findingItems.TryGetValue(request.Key["pk"].S, out var item) ? new GetItemResponse { Item = new(item) } : new GetItemResponse();

    /// <summary>The attributes an update sets to a plain value (<c>#name = :value</c>), by attribute name.</summary>
    private static Dictionary<string, AttributeValue> Assigned(Update update)
    {
        var assigned = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(update.UpdateExpression, @"(#\w+) = (:\w+)"))
        {
            if (update.ExpressionAttributeNames?.TryGetValue(m.Groups[1].Value, out var name) == true
                && update.ExpressionAttributeValues?.TryGetValue(m.Groups[2].Value, out var value) == true)
            {
                assigned[name] = value;
            }
        }

        return assigned;
    }

    private static readonly Lazy<Diagnostics.Diagnosis> SampleDiagnosis = new(() =>
        new Diagnostics.Diagnoser(Iam.IamCatalog.Default).Diagnose(CloudTrail.CloudTrailRecordParser.Parse(System.Text.Encoding.UTF8.GetBytes(Samples.DenialEnvelope)).Record!));

    private static Finding Image(string id, long count, FindingChangeKind? change) => new()
    {
        Id = id,
        Key = new FindingKey("111122223333", "us-east-1", "arn:aws:iam::111122223333:role/r", "s3:GetObject", "*", default),
        Status = FindingStatus.Open,
        Count = count,
        LastChange = change,
        FirstSeen = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
        Diagnosis = SampleDiagnosis.Value,
    };
}
