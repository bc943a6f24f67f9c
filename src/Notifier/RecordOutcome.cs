namespace Denied.Notifier;

/// <summary>What became of one stream record.</summary>
public enum RecordOutcome
{
    /// <summary>Every notification it called for is published (or was already), or it called for none.</summary>
    Done,

    /// <summary>A call failed in a way a later try may not (throttling, 5xx, timeouts): retry from this record.</summary>
    Transient,

    /// <summary>
    /// It can never be sent as it is (an image that does not map to a finding, a permanent SNS or DynamoDB
    /// error). Reported like a transient failure, so the event source mapping's bounded retries end it in
    /// its on-failure destination instead of dropping it silently.
    /// </summary>
    Permanent,
}
