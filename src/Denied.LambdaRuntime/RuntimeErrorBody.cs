using System.Buffers;
using System.Text.Json;

namespace Denied.LambdaRuntime;

/// <summary>
/// The <c>application/vnd.aws.lambda.error+json</c> body, <c>{"errorMessage","errorType","stackTrace":[..]}</c>,
/// written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe). Only the exception's type name,
/// message and stack frames go out: never the event.
/// </summary>
internal static class RuntimeErrorBody
{
    /// <summary><c>Runtime.</c> plus the exception's type name, e.g. <c>Runtime.InvalidOperationException</c>.</summary>
    public static string ErrorType(Exception exception) => "Runtime." + exception.GetType().Name;

    public static byte[] Write(Exception exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", exception.Message);
            json.WriteString("errorType", ErrorType(exception));
            json.WriteStartArray("stackTrace");
            foreach (var frame in StackFrames(exception))
            {
                json.WriteStringValue(frame);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<string> StackFrames(Exception exception) =>
        (exception.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
