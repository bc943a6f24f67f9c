using Amazon.DynamoDBv2.Model;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Remediation;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>An S3 object finding's scope, count and samples stay right when later batches bring new keys.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class S3ObjectFindingStoreTests(MotoServer moto)
{
    private const string Role = "arn:aws:iam::123456789012:role/service/orders-fn-role";
    private const string Bucket = "arn:aws:s3:::orders-bucket/";
    private static readonly IReadOnlyList<long> Thresholds = [10, 100, 1000];

    private static Diagnosis GetObject(string key, int n)
    {
        var resource = Bucket + key;
        return new Diagnosis
        {
            EventId = $"e-{n:D4}",
            EventTime = Some.T0.AddMinutes(n).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            Account = "123456789012",
            Region = "us-east-1",
            Denied = true,
            ErrorCode = "AccessDenied",
            ErrorMessage = $"User: arn:aws:sts::123456789012:assumed-role/orders-fn-role/orders-fn is not authorized to perform: s3:GetObject on resource: \"{resource}\" because no identity-based policy allows the s3:GetObject action",
            Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, "arn:aws:sts::123456789012:assumed-role/orders-fn-role/orders-fn", Role, "orders-fn"),
            Function = new FunctionRef("orders-fn", Role),
            Action = "s3:GetObject",
            Resource = resource,
            Layer = DenialLayer.IdentityPolicy,
            FixRequest = new FixRequest
            {
                Action = "s3:GetObject", Resource = resource, Layer = DenialLayer.IdentityPolicy, ExplicitDeny = false,
                RoleArn = Role, FunctionName = "orders-fn", Account = "123456789012", Region = "us-east-1",
            },
        };
    }

    /// <summary>One batch as the Detector records it: aggregated, the fix built for the batch's objects.</summary>
    private static FindingObservation Batch(int first, params string[] keys)
    {
        var aggregator = new FindingAggregator();
        for (var i = 0; i < keys.Length; i++)
        {
            aggregator.Add(GetObject(keys[i], first + i), $"msg-{first + i}");
        }

        var observation = Assert.Single(aggregator.Observations());
        return observation with { Latest = FindingAggregator.LatestWithFix(observation) };
    }

    private static async Task<Dictionary<string, AttributeValue>> ItemAsync(TestTable table, string id) =>
        (await table.Client.GetItemAsync(new GetItemRequest { TableName = TestTable.Name, Key = FindingItemMapper.Key(id), ConsistentRead = true })).Item;

    private static IReadOnlyList<string> Granted(Finding f) =>
        f.Diagnosis.Fix!.Statements.Where(s => s.Statement.Actions.Contains("s3:GetObject")).SelectMany(s => s.Statement.Resources).ToList();

    private static async Task<int> FindingItemCountAsync(TestTable table) =>
        (await table.Client.ScanAsync(new ScanRequest { TableName = TestTable.Name })).Items.Count(i => i["sk"].S == "FINDING");

    [Fact]
    public async Task ASixthKeyUnderThePrefixUpdatesCountAndSamplesWithoutANotificationAndAnOutsideKeyWidensThePrefix()
    {
        using var table = await TestTable.CreateAsync(moto);
        var five = Batch(1, "invoices/2024/01.pdf", "invoices/2024/02.pdf", "invoices/2024/03.pdf", "invoices/2024/04.pdf", "invoices/2024/05.pdf");
        var id = five.Key.Id;

        Assert.True((await table.Store.RecordAsync(five)).IsNew);
        var created = (await table.Store.GetAsync(id))!;
        Assert.Equal([Bucket + "invoices/2024/*"], Granted(created));
        Assert.Equal("5", (await ItemAsync(table, id))["objectCount"].N);

        var sixth = await table.Store.RecordAsync(Batch(6, "invoices/2024/06.pdf"));

        var updated = (await table.Store.GetAsync(id))!;
        var item = await ItemAsync(table, id);
        Assert.False(sixth.IsNew);
        Assert.Equal(FindingChangeKind.Updated, updated.LastChange);
        Assert.Null(FindingLifecycle.Notification(updated.LastChange!.Value, updated.Status, updated.ReopenCount, 5, updated.Count, Thresholds));
        Assert.Equal("6", item["objectCount"].N);
        Assert.Equal(Bucket + "invoices/2024/", item["objectScope"].S);
        Assert.Equal(5, item["sampleObjects"].L.Count);
        Assert.Equal([Bucket + "invoices/2024/*"], Granted(updated));
        Assert.Equal(new FindingObjects(Bucket + "invoices/2024/", 6, true, updated.Objects!.Samples), updated.Objects);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => Bucket + $"invoices/2024/0{i}.pdf"), updated.Objects.Samples);

        await table.Store.RecordAsync(Batch(7, "invoices/2025/01.pdf"));

        var widened = (await table.Store.GetAsync(id))!;
        Assert.Equal(FindingChangeKind.Updated, widened.LastChange);
        Assert.Null(FindingLifecycle.Notification(widened.LastChange!.Value, widened.Status, widened.ReopenCount, 6, widened.Count, Thresholds));
        Assert.Equal([Bucket + "invoices/*"], Granted(widened));
        Assert.Equal(Bucket + "invoices/", (await ItemAsync(table, id))["objectScope"].S);
        // Seven objects, five kept as samples: the table can no longer tell a new object from one seen before.
        Assert.Equal(7, widened.Objects!.Count);
        Assert.False(widened.Objects.CountIsExact);
        Assert.Equal("at most 7 distinct objects under " + Bucket + "invoices/", widened.Objects.Summary());
        Assert.Equal(1, await FindingItemCountAsync(table));
    }

    [Fact]
    public async Task AnOlderBatchWithAnOutsideKeyStillWidensTheStoredGrant()
    {
        using var table = await TestTable.CreateAsync(moto);
        var newer = Batch(50, "invoices/2024/01.pdf", "invoices/2024/02.pdf");
        await table.Store.RecordAsync(newer);

        await table.Store.RecordAsync(Batch(1, "reports/q1.csv"));

        var f = (await table.Store.GetAsync(newer.Key.Id))!;
        Assert.Equal([Bucket + "*"], Granted(f));
        Assert.Equal(Some.T0.AddMinutes(51), f.LastSeen);
    }
}
