using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>The Lambda event boundary of the Notifier: exactly its wire types (source-generated, AOT-safe).</summary>
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(StreamBatchResponse))]
public sealed partial class NotifierEventsJsonContext : JsonSerializerContext;
