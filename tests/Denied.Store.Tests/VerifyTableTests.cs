using Amazon.DynamoDBv2.Model;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>A table without the expected indexes fails at init, with a message naming what is missing.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class VerifyTableTests(MotoServer moto)
{
    [Fact]
    public async Task TableCreatedFromTheSchemaPasses()
    {
        using var table = await TestTable.CreateAsync(moto);

        await table.Store.VerifyTableAsync();
    }

    [Fact]
    public async Task TableMissingAnIndexAndTheStreamFailsNamingBoth()
    {
        await moto.ResetAsync();
        using var client = TestTable.NewClient(moto);
        var request = FindingTableSchema.CreateTableRequest("partial");
        request.GlobalSecondaryIndexes.RemoveAll(g => g.IndexName == "byService");
        request.AttributeDefinitions.RemoveAll(a => a.AttributeName == "service");
        request.StreamSpecification = new StreamSpecification { StreamEnabled = false };
        await client.CreateTableAsync(request);
        var store = new FindingStore(client, "partial", TimeProvider.System);

        var e = await Assert.ThrowsAsync<FindingTableMismatchException>(() => store.VerifyTableAsync());

        Assert.Contains("'byService'", e.Message, StringComparison.Ordinal);
        Assert.Contains("stream", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public async Task MissingTableFailsSayingSo()
    {
        await moto.ResetAsync();
        using var client = TestTable.NewClient(moto);
        var store = new FindingStore(client, "nope", TimeProvider.System);

        var e = await Assert.ThrowsAsync<FindingTableMismatchException>(() => store.VerifyTableAsync());

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermanentErrorsAreWrappedWithOperationAndMarkedPermanent()
    {
        await moto.ResetAsync();
        using var client = TestTable.NewClient(moto);
        var store = new FindingStore(client, "nope", TimeProvider.System);

        var e = await Assert.ThrowsAsync<FindingStoreException>(() => store.RecordAsync(Some.Observation(Some.Key(), "a")));

        Assert.False(e.IsTransient);
        Assert.Equal(Some.Key().Id, e.FindingId);
        Assert.Contains("BatchGetItem", e.Message, StringComparison.Ordinal);
    }
}
