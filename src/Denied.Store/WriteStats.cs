namespace Denied.Store;

/// <summary>Counts the write requests of one RecordAsync call, for its result and the storm benchmark.</summary>
internal sealed class WriteStats
{
    public int WriteRequests { get; set; }

    public int FindingWriteRequests { get; set; }
}
