using System.Text.Json;
using System.Text.Json.Serialization;

namespace Denied.CloudTrail;

/// <summary>
/// Reads a record field the diagnosis does not need: a string stays a string, and any other JSON value (a number, an
/// object, an array) reads as null instead of making the whole record unreadable. Fields the diagnosis needs keep the
/// strict default converter, and its error that names the field.
/// </summary>
public sealed class LenientString : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
