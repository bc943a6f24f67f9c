using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>A failed stream record, identified by its dynamodb.SequenceNumber.</summary>
public sealed class StreamBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")] public required string ItemIdentifier { get; init; }
}
