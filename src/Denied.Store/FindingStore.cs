using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The findings table: recording observations exactly once under redelivery,
/// queries served by key or index (never Scan), triage, suppression rules and notification markers.
/// Uses only the low-level AmazonDynamoDB API with attribute maps (AOT-safe, no reflection). Constructing
/// it does no I/O; call <see cref="VerifyTableAsync"/> at init. Tested against moto over HTTP
/// (tests/Denied.Store.Tests). Every failure of a call surfaces as <see cref="FindingStoreException"/>
/// with <see cref="FindingStoreException.IsTransient"/> set, except argument errors.
/// </summary>
public sealed class FindingStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly FindingRecorder _recorder;
    private readonly FindingQueries _queries;
    private readonly FindingTriage _triage;
    private readonly NotificationMarkers _notifications;

    public FindingStore(IAmazonDynamoDB client, string tableName, TimeProvider time, FindingStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new FindingStoreOptions();
        if (options.TransactionMaxItems is < 2 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TransactionMaxItems, "TransactionMaxItems must be between 2 and 100");
        }

        _client = client;
        _tableName = tableName;
        var calls = new DynamoCalls(client, tableName, time);
        var ledger = new EventLedger(calls, time, options);
        _recorder = new FindingRecorder(ledger, new FindingApplier(client, calls, ledger, time, options));
        _queries = new FindingQueries(client, tableName);
        _triage = new FindingTriage(client, tableName, time, options);
        _notifications = new NotificationMarkers(client, tableName, time, options);
    }

    /// <summary>
    /// Adds one observation to its finding, creating it when new, reopening it when resolved, ending an
    /// expired mute. Each distinct event ID is counted once ever (within the ledger retention), whatever
    /// the redeliveries, retries after a failure at any point, or concurrent calls. Cost: one claim
    /// TransactWriteItems per TransactionMaxItems new events (spread keys) plus one TransactWriteItems on
    /// the finding per TransactionMaxItems - 1 claim tokens; a fully redelivered batch makes no write.
    /// A transient failure may be retried by calling again with the same observation.
    /// </summary>
    public Task<FindingWriteResult> RecordAsync(FindingObservation observation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return _recorder.RecordAsync(observation, ct);
    }

    /// <summary>Test seam: the claim step of <see cref="RecordAsync"/> alone, as a writer that stops before applying.</summary>
    internal Task<ClaimOutcome> ClaimOnlyAsync(FindingObservation observation, CancellationToken ct = default) =>
        _recorder.ClaimOnlyAsync(observation, ct);

    /// <summary>One finding by id (strongly consistent read), or null.</summary>
    public Task<Finding?> GetAsync(string findingId, CancellationToken ct = default) => _queries.GetAsync(findingId, ct);

    /// <summary>
    /// Findings newest first (by lastSeen), from a GSI: byFunction/byRole/byAction/byService/byAccount when
    /// one selector is set (Status then filters), else byStatus. Since is a key condition (lastSeen at or
    /// after it). Returns up to Limit items and a token for the next page.
    /// </summary>
    public Task<FindingPage> QueryAsync(FindingQuery query, string? pageToken = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _queries.QueryAsync(query, pageToken, ct);
    }

    /// <summary>Marks a finding resolved; TTL deletes it after ResolvedRetention unless it is seen again. Null when there is no such finding.</summary>
    public Task<Finding?> ResolveAsync(string findingId, CancellationToken ct = default) => _triage.ResolveAsync(findingId, ct);

    /// <summary>Mutes a finding (it keeps counting, and sends no notification); with <paramref name="until"/>, the first sighting after it unmutes. Null when there is no such finding.</summary>
    public Task<Finding?> MuteAsync(string findingId, string reason, DateTimeOffset? until = null, CancellationToken ct = default) =>
        _triage.MuteAsync(findingId, reason, until, ct);

    /// <summary>Sets a muted finding open again; other findings are returned unchanged. Null when there is no such finding.</summary>
    public Task<Finding?> UnmuteAsync(string findingId, CancellationToken ct = default) => _triage.UnmuteAsync(findingId, ct);

    /// <summary>Creates or replaces a suppression rule by its id.</summary>
    public Task PutSuppressionAsync(SuppressionRule rule, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.Id);
        var request = new PutItemRequest { TableName = _tableName, Item = SuppressionItemMapper.ToItem(rule) };
        return DynamoErrors.Run("PutItem (suppression)", _tableName, null, () => _client.PutItemAsync(request, ct), ct);
    }

    /// <summary>Deletes a suppression rule; false when there was none with that id.</summary>
    public async Task<bool> DeleteSuppressionAsync(string ruleId, CancellationToken ct = default)
    {
        var request = new DeleteItemRequest { TableName = _tableName, Key = SuppressionItemMapper.Key(ruleId), ReturnValues = ReturnValue.ALL_OLD };
        var response = await DynamoErrors.Run("DeleteItem (suppression)", _tableName, null, () => _client.DeleteItemAsync(request, ct), ct);
        return response.Attributes is { Count: > 0 };
    }

    /// <summary>Every stored suppression rule, by id; includes expired ones TTL has not deleted yet (the matcher skips them).</summary>
    public async Task<IReadOnlyList<SuppressionRule>> ListSuppressionsAsync(CancellationToken ct = default)
    {
        var rules = new List<SuppressionRule>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _tableName,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = A.Pk },
                ExpressionAttributeValues = new() { [":pk"] = FindingItemMapper.S(A.SuppressionPk) },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            };
            var response = await DynamoErrors.Run("Query (suppressions)", _tableName, null, () => _client.QueryAsync(request, ct), ct);
            rules.AddRange((response.Items ?? []).Select(SuppressionItemMapper.FromItem));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return rules;
    }

    /// <summary>
    /// Claims the notification for one state change of a finding (<paramref name="transition"/> names it,
    /// e.g. "new" or "reopened#2"), so it is published once across retries and concurrent stream batches.
    /// </summary>
    public Task<NotificationClaim> TryClaimNotificationAsync(string findingId, string transition, CancellationToken ct = default) =>
        _notifications.TryClaimAsync(findingId, transition, ct);

    /// <summary>Records that the claimed notification was published.</summary>
    public Task MarkNotificationSentAsync(string findingId, string transition, CancellationToken ct = default) =>
        _notifications.MarkSentAsync(findingId, transition, ct);

    /// <summary>
    /// Claims the sending of one SQS message to the dead-letter queue, so a message redelivered after its batch's
    /// invocation failed whole (a timeout, a crash) is not dead-lettered a second time. <see cref="NotificationClaim.AlreadySent"/>:
    /// it was sent; otherwise send it, then call <see cref="MarkDeadLetteredAsync"/>.
    /// </summary>
    public Task<NotificationClaim> TryClaimDeadLetterAsync(string messageId, CancellationToken ct = default) =>
        _notifications.TryClaimDeadLetterAsync(messageId, ct);

    /// <summary>Records that the claimed message is in the dead-letter queue.</summary>
    public Task MarkDeadLetteredAsync(string messageId, CancellationToken ct = default) =>
        _notifications.MarkDeadLetteredAsync(messageId, ct);

    /// <summary>
    /// Checks the live table against <see cref="FindingTableSchema"/> (keys, the six GSIs, the stream) with
    /// one DescribeTable. Throws <see cref="FindingTableMismatchException"/> naming every problem, including
    /// a missing table; <see cref="FindingStoreException"/> when DescribeTable itself fails otherwise.
    /// </summary>
    public async Task VerifyTableAsync(CancellationToken ct = default)
    {
        DescribeTableResponse response;
        try
        {
            response = await DynamoErrors.Run("DescribeTable", _tableName, null,
                () => _client.DescribeTableAsync(new DescribeTableRequest { TableName = _tableName }, ct), ct);
        }
        catch (FindingStoreException e) when (e.InnerException is ResourceNotFoundException)
        {
            throw new FindingTableMismatchException(_tableName, [$"the table does not exist in this account and region ({e.InnerException.Message})"]);
        }

        var problems = FindingTableSchema.Problems(response.Table);
        if (problems.Count > 0)
        {
            throw new FindingTableMismatchException(_tableName, problems);
        }
    }
}
