using Amazon.DynamoDBv2;
using Denied.Store;

namespace Denied.Cli;

/// <summary>Builds the findings store client for the CLI from the standard AWS options.</summary>
public static class StoreFactory
{
    /// <summary>--table, else $DENIED_TABLE, else the template's default name.</summary>
    public static string TableName(string? option) =>
        option is { Length: > 0 } ? option
        : Environment.GetEnvironmentVariable("DENIED_TABLE") is { Length: > 0 } env ? env
        : "denied-findings";

    public static (FindingStore Store, IAmazonDynamoDB Client) Create(AwsOptions aws, string table)
    {
        var client = new AmazonDynamoDBClient(aws.Configure(new AmazonDynamoDBConfig()));
        return (new FindingStore(client, table, TimeProvider.System), client);
    }
}
