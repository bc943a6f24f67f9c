namespace Denied.Store;

/// <summary>
/// The configured table is missing or differs from <see cref="FindingTableSchema"/>. Thrown at function
/// init so a misdeployed table fails loudly instead of failing each query; the message names every
/// problem and the fix. Never transient.
/// </summary>
public sealed class FindingTableMismatchException : Exception
{
    public FindingTableMismatchException(string tableName, IReadOnlyList<string> problems)
        : base($"DynamoDB table '{tableName}' does not match the findings table schema: {string.Join("; ", problems)}. "
            + "Deploy template.yaml (or create it with FindingTableSchema.CreateTableRequest) and point the function at it.")
    {
        TableName = tableName;
        Problems = problems;
    }

    public string TableName { get; }

    public IReadOnlyList<string> Problems { get; }
}
