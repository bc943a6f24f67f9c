using Denied.Actions;
using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class RdsDataRequestResourceTests
{
    [Theory]
    [InlineData("ExecuteStatement", "rds-data:ExecuteStatement")]
    [InlineData("BatchExecuteStatement", "rds-data:BatchExecuteStatement")]
    [InlineData("BeginTransaction", "rds-data:BeginTransaction")]
    [InlineData("CommitTransaction", "rds-data:CommitTransaction")]
    [InlineData("RollbackTransaction", "rds-data:RollbackTransaction")]
    public void DataApiCallIsTheRdsDataActionOnTheClusterArn(string eventName, string expected)
    {
        var record = TestRecords.Event("rdsdataapi.amazonaws.com", eventName, """{"resourceArn":"arn:aws:rds:us-east-1:123456789012:cluster:orders-db","secretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}""");
        var action = ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal((expected, "arn:aws:rds:us-east-1:123456789012:cluster:orders-db"), (action.Action, resource.Resource));
    }

    [Fact]
    public void ExecuteStatementRecordResolvesToTheCluster()
    {
        var record = Fixture.Record("rdsdataapi-executestatement-no-message.json");
        var action = ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal(("rds-data:ExecuteStatement", "arn:aws:rds:us-east-1:111122223333:cluster:orders-db"), (action.Action, resource.Resource));
    }
}
