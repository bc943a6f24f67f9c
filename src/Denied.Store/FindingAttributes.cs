namespace Denied.Store;

/// <summary>
/// The table's attribute names and key shapes: the only place they are spelled. The GSI key attributes
/// (status, functionName, roleArn, action, service, account, lastSeen) appear only on finding items, so
/// ledger, marker, suppression and notification items never enter an index.
/// </summary>
internal static class FindingAttributes
{
    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string ExpiresAt = "expiresAt";

    // Finding item: pk "F#<id>", sk "FINDING".
    public const string FindingPrefix = "F#";
    public const string FindingSk = "FINDING";
    public const string Id = "id";
    public const string Account = "account";
    public const string Region = "region";
    public const string RoleArn = "roleArn";
    public const string Action = "action";
    public const string Service = "service";
    public const string Resource = "resource";
    public const string Layer = "layer";
    public const string Status = "status";
    public const string Count = "count";
    public const string FirstSeen = "firstSeen";
    public const string LastSeen = "lastSeen";
    public const string FunctionName = "functionName";
    public const string FunctionNames = "functionNames";
    public const string SampleEventIds = "sampleEventIds";
    public const string ErrorCode = "errorCode";
    public const string Diagnosis = "diagnosis";
    public const string MuteReason = "muteReason";
    public const string MutedUntil = "mutedUntil";
    public const string ResolvedAt = "resolvedAt";
    public const string ReopenCount = "reopenCount";

    // S3 object findings: the scope the fix grants (raw ARN or ARN prefix, and which of the two), distinct objects, samples.
    public const string ObjectScope = "objectScope";
    public const string ObjectScopeKind = "objectScopeKind";
    public const string ObjectCount = "objectCount";
    public const string ObjectCountExact = "objectCountExact";
    public const string SampleObjects = "sampleObjects";

    // The kind of the latest write (FindingChangeCodes): the Notifier reads it from the stream's new image.
    public const string Change = "change";

    // Event ledger item: pk "E#<eventID>", sk "EVENT". Applied-token marker: pk "T#<token>", sk "APPLIED".
    public const string EventPrefix = "E#";
    public const string EventSk = "EVENT";
    public const string TokenPrefix = "T#";
    public const string AppliedSk = "APPLIED";
    public const string FindingId = "findingId";
    public const string Token = "token";
    public const string BatchCount = "batchCount";

    // Suppression rule item: pk "SUPPRESSION", sk "<rule id>"; expiresAt doubles as its TTL.
    public const string SuppressionPk = "SUPPRESSION";
    public const string Reason = "reason";
    public const string FunctionPattern = "functionPattern";
    public const string RolePattern = "rolePattern";
    public const string ActionPattern = "actionPattern";
    public const string ResourcePattern = "resourcePattern";

    // Notification marker: pk "F#<id>", sk "NOTIFY#<transition>".
    public const string NotifyPrefix = "NOTIFY#";
    public const string State = "state";
    public const string At = "at";

    // Dead-letter marker: pk "M#<SHA-256 hex of the SQS messageId>", sk "DEADLETTER", with state and at as above.
    public const string MessagePrefix = "M#";
    public const string DeadLetterSk = "DEADLETTER";

    public static string FindingPk(string findingId) => FindingPrefix + findingId;
}
