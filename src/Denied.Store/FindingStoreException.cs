namespace Denied.Store;

/// <summary>
/// A store call failed. The message names the operation, the table and the finding. <see cref="IsTransient"/>
/// tells the caller whether the same call may succeed later (throttling, 5xx, transaction conflicts,
/// timeouts, I/O): the Detector reports such records as batchItemFailures so SQS redelivers them, and the
/// write path is idempotent under redelivery. Permanent failures (validation, access denied, missing
/// table) will fail again and belong in the dead-letter queue and the logs.
/// </summary>
public sealed class FindingStoreException : Exception
{
    public FindingStoreException(string operation, string tableName, string? findingId, bool isTransient, string detail, Exception? innerException = null)
        : base($"DynamoDB {operation} on table '{tableName}'{(findingId is null ? "" : $" for finding {findingId}")} failed "
            + $"({(isTransient ? "transient" : "permanent")}): {detail}", innerException)
    {
        Operation = operation;
        FindingId = findingId;
        IsTransient = isTransient;
    }

    public string Operation { get; }

    public string? FindingId { get; }

    public bool IsTransient { get; }
}
