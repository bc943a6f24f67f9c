namespace Denied.AwsClients;

/// <summary>
/// GetQueryExecution's answer: <see cref="State"/> is QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED; <see cref="Reason"/>
/// is StateChangeReason (why a query failed); <see cref="DataScannedInBytes"/> is what the query is billed by.
/// </summary>
public sealed record AthenaQueryStatus(string State, string? Reason, long? DataScannedInBytes, long? EngineExecutionTimeInMillis)
{
    public bool IsFinished => State is "SUCCEEDED" or "FAILED" or "CANCELLED";
}
