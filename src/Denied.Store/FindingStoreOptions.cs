namespace Denied.Store;

/// <summary>Store tuning. The defaults suit the deployed table; tests shrink <see cref="TransactionMaxItems"/> for moto.</summary>
public sealed record FindingStoreOptions
{
    /// <summary>How long a resolved finding is kept before TTL deletes it. The default value is 90 days.</summary>
    public TimeSpan ResolvedRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long an event ID stays in the ledger; a redelivery later than this counts again. Keep it longer
    /// than the queue's message retention. The default value is 7 days.
    /// </summary>
    public TimeSpan LedgerRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a notification marker is kept (a stream record is retried for 24 hours at most). The default value is 7 days.</summary>
    public TimeSpan NotificationRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Items per TransactWriteItems call: DynamoDB allows 100 (the default); moto 5.2 allows 25. One claim
    /// transaction holds this many events; one apply transaction holds the finding plus this many minus one tokens.
    /// </summary>
    public int TransactionMaxItems { get; init; } = 100;

    /// <summary>How often one step is retried after a conflict (a racing writer) before the call fails as transient. The default value is 10.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>How many sample event IDs a finding keeps, newest first. The default value is 5.</summary>
    public int SampleEventIdLimit { get; init; } = 5;
}
