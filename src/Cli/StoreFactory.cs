using Amazon.DynamoDBv2;
using Denied.Store;

namespace Denied.Cli;

/// <summary>Builds the findings store client for the CLI from the standard AWS options.</summary>
public static class StoreFactory
{
    /// <summary>The template names the table after its stack (<c>${AWS::StackName}-findings</c>).</summary>
    public const string TableSuffix = "-findings";

    /// <summary>The stack name `sam deploy --guided` is told to use in the README.</summary>
    public const string DefaultStack = "denied";

    /// <summary>--table, else --stack's table, else $DENIED_TABLE, else the table of a stack named denied.</summary>
    public static string TableName(string? option, string? stack = null) =>
        option is { Length: > 0 } ? option
        : stack is { Length: > 0 } ? stack + TableSuffix
        : Environment.GetEnvironmentVariable("DENIED_TABLE") is { Length: > 0 } env ? env
        : DefaultStack + TableSuffix;

    public static (FindingStore Store, IAmazonDynamoDB Client) Create(AwsOptions aws, string table)
    {
        var client = new AmazonDynamoDBClient(aws.Configure(new AmazonDynamoDBConfig()));
        return (new FindingStore(client, table, TimeProvider.System), client);
    }
}
