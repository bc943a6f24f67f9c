using System.Text.Json;

namespace Denied.LambdaRuntime;

/// <summary>
/// One-line JSON diagnostics of the loop itself (CloudWatch picks up stderr). Key names live here;
/// values are escaped by <see cref="Utf8JsonWriter"/>, and no event content is ever logged.
/// </summary>
internal static class RuntimeLog
{
    public const string LevelKey = "level";
    public const string MessageKey = "message";
    public const string RequestIdKey = "requestId";
    public const string StatusKey = "status";

    public static void Error(TextWriter log, string message, string? requestId = null, int? status = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString(LevelKey, "error");
            json.WriteString(MessageKey, message);
            if (requestId is not null)
            {
                json.WriteString(RequestIdKey, requestId);
            }

            if (status is not null)
            {
                json.WriteNumber(StatusKey, status.Value);
            }

            json.WriteEndObject();
        }

        log.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
