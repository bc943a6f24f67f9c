using System.Text;
using System.Text.Json;

namespace Denied.LambdaRuntime.Observability;

/// <summary>
/// One JSON object per line on standard output (CloudWatch Logs). Values are written by
/// <see cref="Utf8JsonWriter"/>, which escapes quotes, control characters and non-ASCII, so an attacker-
/// controlled value can never forge a log line. Callers log ids and reasons, never a raw event.
/// </summary>
public sealed class JsonLog(TextWriter output, string function)
{
    private readonly Lock _gate = new();

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("info", message, fields);
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write("warn", message, fields);
    public void Error(string message, params (string Key, object? Value)[] fields) => Write("error", message, fields);

    private void Write(string level, string message, (string Key, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString(LogKeys.Level, level);
            w.WriteString(LogKeys.Function, function);
            w.WriteString(LogKeys.Message, message);
            foreach (var (key, value) in fields)
            {
                switch (value)
                {
                    case null: w.WriteNull(key); break;
                    case int i: w.WriteNumber(key, i); break;
                    case long l: w.WriteNumber(key, l); break;
                    case bool b: w.WriteBoolean(key, b); break;
                    default: w.WriteString(key, value.ToString()); break;
                }
            }

            w.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
