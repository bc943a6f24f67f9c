using System.Text.Json;

namespace Denied.AwsClients;

/// <summary>
/// Error code and message of a REST-JSON service (Lambda), the way botocore reads them: the code from the
/// <c>X-Amzn-ErrorType</c> header (text before any <c>:</c>), else the body's <c>__type</c> or <c>code</c>
/// (text after any <c>#</c>); the message from <c>message</c> or <c>Message</c>. Utf8JsonReader-based
/// JsonDocument, no reflection.
/// </summary>
internal static class RestJsonErrors
{
    public static AwsErrorDetail Read(HttpResponseMessage response, byte[] body)
    {
        string? code = null;
        if (response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) && values.FirstOrDefault() is { Length: > 0 } header)
        {
            code = header.Split(':', 2)[0];
        }

        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                code ??= Text(json.RootElement, "__type") ?? Text(json.RootElement, "code");
                message = Text(json.RootElement, "message") ?? Text(json.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
        }

        if (code is not null && code.Contains('#', StringComparison.Ordinal))
        {
            code = code[(code.LastIndexOf('#') + 1)..];
        }

        return new AwsErrorDetail(code, message);
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
