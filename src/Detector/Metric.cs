namespace Denied.Detector;

/// <summary>The Detector's EMF metric names (namespace from METRICS_NAMESPACE, dimension FunctionName).</summary>
public static class Metric
{
    public const string MessagesReceived = "MessagesReceived";
    public const string MessagesRetried = "MessagesRetried";
    public const string DenialsSeen = "DenialsSeen";
    public const string Malformed = "Malformed";
    public const string IgnoredNotDenied = "IgnoredNotDenied";
    public const string IgnoredOtherPrincipal = "IgnoredOtherPrincipal";
    public const string Suppressed = "Suppressed";
    public const string FindingsNew = "FindingsNew";
    public const string FindingsUpdated = "FindingsUpdated";
    public const string FindingsReopened = "FindingsReopened";
    public const string EventsCounted = "EventsCounted";
    public const string EventsAlreadyCounted = "EventsAlreadyCounted";
    public const string StoreWrites = "StoreWrites";
    public const string StoreFailures = "StoreFailures";
    public const string StoreTransientFailures = "StoreTransientFailures";
    public const string DeadlineCuts = "DeadlineCuts";

    // READ_POLICIES: roles and resources read (cache misses), answered from the cache, left for a later batch by the
    // per-batch bound; the reads those made (one API call each, SQS two), the reads refused or failed; findings evaluated.
    public const string PolicyLookups = "PolicyLookups";
    public const string PolicyCacheHits = "PolicyCacheHits";
    public const string PolicyLookupsOverBound = "PolicyLookupsOverBound";
    public const string PolicyReads = "PolicyReads";
    public const string PolicyReadFailures = "PolicyReadFailures";
    public const string FindingsEvaluated = "FindingsEvaluated";
}
