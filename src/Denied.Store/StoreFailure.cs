namespace Denied.Store;

/// <summary>How a store call failed, as far as the caller's next step goes.</summary>
public enum StoreFailure
{
    /// <summary>The same call may succeed later (throttling, 5xx, transaction conflicts, timeouts, I/O): retry.</summary>
    Transient,

    /// <summary>
    /// It will fail again for any item (access denied, a missing table: a broken deployment): the messages go back
    /// so the queue's redrive policy keeps them, and the logs say why.
    /// </summary>
    Permanent,

    /// <summary>
    /// DynamoDB refused this item itself (a key over 2,048 bytes, an item over 400 KB: a record full of hostile text;
    /// DynamoDB returns ValidationException, "Service, account, and table quotas in Amazon DynamoDB"): every retry
    /// would be refused the same way, while other items are stored fine.
    /// </summary>
    ItemRejected,
}
