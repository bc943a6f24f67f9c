namespace Denied.Notifier;

/// <summary>The Notifier's EMF metric names (namespace from METRICS_NAMESPACE, dimension FunctionName).</summary>
public static class Metric
{
    public const string RecordsReceived = "RecordsReceived";
    public const string RecordsSkipped = "RecordsSkipped";
    public const string NotificationsSent = "NotificationsSent";
    public const string NotificationsTruncated = "NotificationsTruncated";
    public const string DuplicatesSkipped = "DuplicatesSkipped";
    public const string RepublishedAfterCrash = "RepublishedAfterCrash";

    /// <summary>Retries that found a notification this process had published but not marked, and only marked it.</summary>
    public const string MarkedAfterEarlierPublish = "MarkedAfterEarlierPublish";
    public const string TransientFailures = "TransientFailures";
    public const string PermanentFailures = "PermanentFailures";
    public const string RecordsRetried = "RecordsRetried";
}
