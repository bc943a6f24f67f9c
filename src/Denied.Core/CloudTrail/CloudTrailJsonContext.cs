using System.Text.Json.Serialization;

namespace Denied.CloudTrail;

/// <summary>The CloudTrail input boundary: exactly the wire types read from logs and EventBridge details.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowDuplicateProperties = true)]
[JsonSerializable(typeof(CloudTrailRecord))]
public sealed partial class CloudTrailJsonContext : JsonSerializerContext;
