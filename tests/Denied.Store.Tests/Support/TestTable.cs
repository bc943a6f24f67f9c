using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Denied.TestSupport;

namespace Denied.Store.Tests.Support;

/// <summary>An empty moto account with the findings table created from <see cref="FindingTableSchema"/>, and a store on it.</summary>
public sealed class TestTable : IDisposable
{
    public const string Name = "denied-findings";

    /// <summary>moto 5.2 caps TransactWriteItems at 25 items (DynamoDB: 100).</summary>
    public static FindingStoreOptions MotoOptions { get; } = new() { TransactionMaxItems = 25 };

    private TestTable(AmazonDynamoDBClient client, ManualClock clock, FindingStore store)
    {
        Client = client;
        Clock = clock;
        Store = store;
    }

    public AmazonDynamoDBClient Client { get; }
    public ManualClock Clock { get; }
    public FindingStore Store { get; }

    public static async Task<TestTable> CreateAsync(MotoServer moto, FindingStoreOptions? options = null)
    {
        await moto.ResetAsync();
        var client = NewClient(moto);
        await client.CreateTableAsync(FindingTableSchema.CreateTableRequest(Name));
        await client.UpdateTimeToLiveAsync(FindingTableSchema.TimeToLiveRequest(Name));
        var clock = new ManualClock(Some.T0.AddMinutes(5));
        return new TestTable(client, clock, new FindingStore(client, Name, clock, options ?? MotoOptions));
    }

    public static AmazonDynamoDBClient NewClient(MotoServer moto) =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig
        {
            ServiceURL = moto.EndpointUrl,
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = new OneRequestAtATime(),
        });

    /// <summary>A second store on the same table, as a second Lambda instance would have.</summary>
    public FindingStore SecondWriter(MotoServer moto) => new(NewClient(moto), Name, Clock, MotoOptions);

    public void Dispose() => Client.Dispose();
}
