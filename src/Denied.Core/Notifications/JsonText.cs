using System.Text;
using System.Text.Json;

namespace Denied.Notifications;

/// <summary>Runs a <see cref="Utf8JsonWriter"/> body and returns the JSON text (default encoder: HTML-sensitive and non-ASCII characters escaped).</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            body(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
