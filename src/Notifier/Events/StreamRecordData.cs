using System.Text.Json;
using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>
/// The item part of a stream record. Keys and images stay in DynamoDB JSON (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>,
/// <c>{"M":{...}}</c>...) as raw elements; <see cref="StreamImageConverter"/> turns them into SDK attribute maps.
/// </summary>
public sealed class StreamRecordData
{
    [JsonPropertyName("Keys")] public Dictionary<string, JsonElement>? Keys { get; init; }
    [JsonPropertyName("NewImage")] public Dictionary<string, JsonElement>? NewImage { get; init; }
    [JsonPropertyName("OldImage")] public Dictionary<string, JsonElement>? OldImage { get; init; }

    /// <summary>The record's position in its shard: the itemIdentifier of a batch item failure.</summary>
    [JsonPropertyName("SequenceNumber")] public string? SequenceNumber { get; init; }
}
