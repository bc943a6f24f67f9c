using System.Text;
using System.Text.Json;

namespace Denied.LambdaRuntime.Observability;

/// <summary>
/// One JSON object per line on standard output (CloudWatch Logs). Values are written by
/// <see cref="Utf8JsonWriter"/>, which escapes quotes, control characters and non-ASCII, so an attacker-
/// controlled value can never forge a log line. Callers log ids and reasons, never a raw event.
/// Lines below <paramref name="minimum"/> (the function's LOG_LEVEL, INFO by default) are not written.
/// </summary>
public sealed class JsonLog(TextWriter output, string function, LogLevel minimum = LogLevel.Info)
{
    private readonly Lock _gate = new();

    public LogLevel Minimum => minimum;

    public void Debug(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Debug, "debug", message, fields);
    public void Info(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Info, "info", message, fields);
    public void Warn(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Warn, "warn", message, fields);
    public void Error(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Error, "error", message, fields);

    private void Write(LogLevel severity, string level, string message, (string Key, object? Value)[] fields)
    {
        if (severity < minimum)
        {
            return;
        }

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
