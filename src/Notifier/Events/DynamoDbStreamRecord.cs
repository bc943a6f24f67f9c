using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>One stream record: INSERT, MODIFY or REMOVE of one item of the findings table.</summary>
public sealed class DynamoDbStreamRecord
{
    [JsonPropertyName("eventID")] public string? EventId { get; init; }
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
    [JsonPropertyName("dynamodb")] public StreamRecordData? Dynamodb { get; init; }
}
