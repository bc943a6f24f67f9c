namespace Denied.Core.Tests.Resources;

public sealed class DynamoDbRequestResourceTests
{
    [Theory]
    [InlineData("dynamodb:GetItem", """{"tableName":"orders","key":{"id":{"S":"1"}}}""", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")]
    [InlineData("dynamodb:Query", """{"tableName":"orders","indexName":"byCustomer"}""", "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byCustomer")]
    [InlineData("dynamodb:Query", """{"tableName":"orders"}""", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")]
    [InlineData("dynamodb:GetItem", """{"tableName":"arn:aws:dynamodb:us-east-1:999988887777:table/shared"}""", "arn:aws:dynamodb:us-east-1:999988887777:table/shared")]
    [InlineData("dynamodb:Query", """{"tableName":"arn:aws:dynamodb:us-east-1:999988887777:table/shared","indexName":"i"}""", "arn:aws:dynamodb:us-east-1:999988887777:table/shared/index/i")]
    [InlineData("dynamodb:BatchWriteItem", """{"requestItems":{"orders":[{"putRequest":{}}]}}""", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")]
    [InlineData("dynamodb:GetItem", """{"transactItems":[{"get":{"tableName":"orders"}},{"get":{"tableName":"orders"}}]}""", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")]
    public void TableAndIndexNamesGiveTheTableOrIndexArn(string action, string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters(action, requestParameters).Resource);

    [Fact]
    public void SeveralTablesGiveNullWithNote()
    {
        var resolution = Resolve.FromParameters("dynamodb:BatchGetItem", """{"requestItems":{"a":{},"b":{}}}""");
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("several tables (a, b)", StringComparison.Ordinal));
    }

    [Fact]
    public void AccountFallsBackToTheCallerAccountWithoutRecipientAccountId()
    {
        var record = Iam.TestRecords.Event("dynamodb.amazonaws.com", "GetItem", """{"tableName":"t"}""", recipientAccount: null);
        var resolution = Denied.Resources.ResourceResolver.Resolve(record, "dynamodb:GetItem", null, Denied.Iam.IamCatalog.Default);
        Assert.Equal("arn:aws:dynamodb:us-east-1:210987654321:table/t", resolution.Resource);
    }
}
