namespace Denied.Store;

/// <summary>
/// A store call failed. The message names the operation, the table and the finding. <see cref="Failure"/>
/// tells the caller what to do next, so no caller reads SDK error codes: a transient failure (throttling, 5xx,
/// transaction conflicts, timeouts, I/O) may succeed later, and the write path is idempotent under redelivery;
/// a permanent one (access denied, missing table) fails again for every item; an item rejected (DynamoDB's
/// ValidationException: a key or item over its size limit) fails again for this item only.
/// </summary>
public sealed class FindingStoreException : Exception
{
    public FindingStoreException(string operation, string tableName, string? findingId, StoreFailure failure, string detail, Exception? innerException = null)
        : base($"DynamoDB {operation} on table '{tableName}'{(findingId is null ? "" : $" for finding {findingId}")} failed "
            + $"({Describe(failure)}): {detail}", innerException)
    {
        Operation = operation;
        FindingId = findingId;
        Failure = failure;
    }

    public FindingStoreException(string operation, string tableName, string? findingId, bool isTransient, string detail, Exception? innerException = null)
        : this(operation, tableName, findingId, isTransient ? StoreFailure.Transient : StoreFailure.Permanent, detail, innerException)
    {
    }

    public string Operation { get; }

    public string? FindingId { get; }

    public StoreFailure Failure { get; }

    public bool IsTransient => Failure == StoreFailure.Transient;

    private static string Describe(StoreFailure failure) => failure switch
    {
        StoreFailure.Transient => "transient",
        StoreFailure.ItemRejected => "permanent: the item was refused",
        _ => "permanent",
    };
}
