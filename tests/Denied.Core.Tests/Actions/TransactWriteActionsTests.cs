using Denied.Actions;
using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Actions;

public sealed class TransactWriteActionsTests
{
    private static ActionResolution Resolve(string? requestParameters, string? messageAction = null) =>
        ActionResolver.Resolve(TestRecords.Event("dynamodb.amazonaws.com", "TransactWriteItems", requestParameters), messageAction, IamCatalog.Default);

    [Theory]
    [InlineData("""{"transactItems":[{"put":{"tableName":"Orders"}}]}""", "dynamodb:PutItem")]
    [InlineData("""{"transactItems":[{"update":{"tableName":"Orders"}}]}""", "dynamodb:UpdateItem")]
    [InlineData("""{"transactItems":[{"delete":{"tableName":"Orders"}}]}""", "dynamodb:DeleteItem")]
    [InlineData("""{"transactItems":[{"conditionCheck":{"tableName":"Orders"}}]}""", "dynamodb:ConditionCheckItem")]
    [InlineData("""{"TransactItems":[{"Put":{"TableName":"Orders"}}]}""", "dynamodb:PutItem")]
    [InlineData("""{"transactItems":[{"put":{"tableName":"Orders"}},{"put":{"tableName":"Orders"}}]}""", "dynamodb:PutItem")]
    public void ItemKindPicksTheAction(string requestParameters, string expected)
    {
        var resolution = Resolve(requestParameters);
        Assert.Equal((expected, ActionResolver.FromEventName), (resolution.Action, resolution.Source));
        Assert.Empty(resolution.Notes);
    }

    [Fact]
    public void MixedItemsTakeTheFirstItemsActionAndNameTheOthers()
    {
        var resolution = Resolve("""{"transactItems":[{"update":{"tableName":"T"}},{"conditionCheck":{"tableName":"T"}},{"put":{"tableName":"T"}},{"update":{"tableName":"T"}}]}""");
        Assert.Equal("dynamodb:UpdateItem", resolution.Action);
        var note = Assert.Single(resolution.Notes);
        Assert.Contains("dynamodb:ConditionCheckItem, dynamodb:PutItem", note, StringComparison.Ordinal);
        Assert.DoesNotContain("dynamodb:UpdateItem,", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"transactItems":[]}""")]
    [InlineData("""{"transactItems":[{"get":{"tableName":"T"}}]}""")]
    public void RecordWithoutWriteItemsGivesNullWithNote(string? requestParameters)
    {
        var resolution = Resolve(requestParameters);
        Assert.Null(resolution.Action);
        Assert.Contains(resolution.Notes, n => n.Contains("per item", StringComparison.Ordinal));
    }

    [Fact]
    public void MessageActionWinsOverTheItems() =>
        Assert.Equal("dynamodb:UpdateItem", Resolve("""{"transactItems":[{"put":{"tableName":"T"}}]}""", "dynamodb:UpdateItem").Action);

    [Fact]
    public void TransactWriteRecordResolvesToPutItemOnTheTable()
    {
        var record = Fixture.Record("dynamodb-transactwriteitems-no-message.json");
        var action = ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal(("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"), (action.Action, resource.Resource));
        Assert.Contains(action.Notes, n => n.Contains("dynamodb:UpdateItem", StringComparison.Ordinal));
    }
}
