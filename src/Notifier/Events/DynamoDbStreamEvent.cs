using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>The DynamoDB stream event Lambda delivers: one batch of records from one shard, in order.</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")] public List<DynamoDbStreamRecord> Records { get; init; } = [];
}
