using Denied.Findings;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>Each query a user runs is served by an index, newest first.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FindingStoreQueryTests(MotoServer moto)
{
    private const string RoleA = "arn:aws:iam::111111111111:role/a";
    private const string RoleB = "arn:aws:iam::222222222222:role/path/b";

    private static readonly FindingKey ListOrders = Some.Key(role: RoleA, action: "s3:ListBucket", account: "111111111111");
    private static readonly FindingKey GetOrders = Some.Key(role: RoleA, action: "s3:GetObject", resource: "arn:aws:s3:::orders/*", account: "111111111111");
    private static readonly FindingKey Decrypt = Some.Key(role: RoleB, action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:222222222222:key/k", account: "222222222222");
    private static readonly FindingKey PutItem = Some.Key(role: RoleB, action: "dynamodb:PutItem", resource: "arn:aws:dynamodb:us-east-1:111111111111:table/t", account: "111111111111");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task QueryReturnsTheMatchingFindingsNewestFirst(string name, FindingQuery query, string[] expected)
    {
        using var table = await SeededAsync();

        var page = await table.Store.QueryAsync(query);

        Assert.True(expected.SequenceEqual(page.Items.Select(NameOf)), $"{name}: got {string.Join(",", page.Items.Select(NameOf))}");
        Assert.Null(page.NextPageToken);
    }

    public static TheoryData<string, FindingQuery, string[]> Cases => new()
    {
        { "open", new FindingQuery { Status = FindingStatus.Open }, ["get", "list"] },
        { "any status", new FindingQuery(), ["put", "get", "decrypt", "list"] },
        { "function", new FindingQuery { Function = "fn-a" }, ["decrypt", "list"] },
        { "function, open", new FindingQuery { Function = "fn-a", Status = FindingStatus.Open }, ["list"] },
        { "role", new FindingQuery { RoleArn = RoleA }, ["get", "list"] },
        { "action", new FindingQuery { Action = "kms:Decrypt" }, ["decrypt"] },
        { "service", new FindingQuery { Service = "s3" }, ["get", "list"] },
        { "account", new FindingQuery { Account = "111111111111" }, ["put", "get", "list"] },
        { "account, muted", new FindingQuery { Account = "111111111111", Status = FindingStatus.Muted }, ["put"] },
        { "since", new FindingQuery { Since = Some.T0.AddHours(2) }, ["put", "get", "decrypt"] },
    };

    [Fact]
    public async Task PagesOfOneWalkEveryFindingOnceInOrder()
    {
        using var table = await SeededAsync();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await table.Store.QueryAsync(new FindingQuery { Limit = 1 }, token);
            seen.AddRange(page.Items.Select(NameOf));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["put", "get", "decrypt", "list"], seen);
    }

    [Fact]
    public async Task FilteredPagesResumeAfterTheLastReturnedItem()
    {
        using var table = await SeededAsync();

        var first = await table.Store.QueryAsync(new FindingQuery { Account = "111111111111", Status = FindingStatus.Open, Limit = 1 });
        var second = await table.Store.QueryAsync(new FindingQuery { Account = "111111111111", Status = FindingStatus.Open, Limit = 1 }, first.NextPageToken);

        Assert.Equal(["get"], first.Items.Select(NameOf));
        Assert.Equal(["list"], second.Items.Select(NameOf));
    }

    [Fact]
    public async Task TwoSelectorsAndBadTokensAreRejected()
    {
        using var table = await TestTable.CreateAsync(moto);

        await Assert.ThrowsAsync<ArgumentException>(() => table.Store.QueryAsync(new FindingQuery { Function = "f", Account = "1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => table.Store.QueryAsync(new FindingQuery(), "not a token"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.Store.QueryAsync(new FindingQuery { Limit = 0 }));
    }

    [Fact]
    public void TheStoreNeverScans()
    {
        // Review guard: every read is GetItem, BatchGetItem or Query, never a Scan.
        var sources = Directory.GetFiles(Path.Combine(ThisFolder(), "..", "..", "src", "Denied.Store"), "*.cs");
        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, f => File.ReadAllText(f).Contains("Scan" + "Async", StringComparison.Ordinal)
            || File.ReadAllText(f).Contains("Scan" + "Request", StringComparison.Ordinal));
    }

    private static string ThisFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string NameOf(Finding f) =>
        f.Id == ListOrders.Id ? "list" : f.Id == GetOrders.Id ? "get" : f.Id == Decrypt.Id ? "decrypt" : f.Id == PutItem.Id ? "put" : f.Id;

    private async Task<TestTable> SeededAsync()
    {
        var table = await TestTable.CreateAsync(moto);
        await table.Store.RecordAsync(Some.Observation(ListOrders, ["l1"], Some.T0.AddHours(1), "fn-a"));
        await table.Store.RecordAsync(Some.Observation(GetOrders, ["g1"], Some.T0.AddHours(3), "fn-b"));
        await table.Store.RecordAsync(Some.Observation(Decrypt, ["d1"], Some.T0.AddHours(2), "fn-a"));
        await table.Store.RecordAsync(Some.Observation(PutItem, ["p1"], Some.T0.AddHours(4), null));
        await table.Store.ResolveAsync(Decrypt.Id);
        await table.Store.MuteAsync(PutItem.Id, "expected");
        return table;
    }
}
