using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The AWS JSON 1.1 protocol (Secrets Manager, Organizations): <c>POST /</c> with
/// <c>X-Amz-Target: {prefix}.{Operation}</c>, <c>Content-Type: application/x-amz-json-1.1</c> and a JSON object
/// body; errors are read like REST-JSON ones (<c>__type</c>, <c>message</c>).
/// </summary>
internal static class JsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";

    // An API body, never embedded in HTML: '+', '<', '&' and non-ASCII letters need no escaping (botocore sends them as is).
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AwsRequest Build(Uri endpoint, string targetPrefix, string operation, JsonObject body, string? arn)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            body.WriteTo(writer);
        }

        return new AwsRequest(
            HttpMethod.Post, endpoint, "/", [], ContentType, buffer.ToArray(), operation, arn, [new("X-Amz-Target", targetPrefix + "." + operation)]);
    }

    public static JsonObject Parse(byte[] body, string operation, string? arn)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("the reply is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(operation, arn, 200, null, false, "unreadable reply: " + ex.Message, ex);
        }
    }

    public static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
