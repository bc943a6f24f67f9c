using System.Text.Json;
using System.Text.Json.Serialization;

namespace Denied.CloudTrail;

/// <summary>
/// Reads CloudTrail's readOnly, which the diagnosis does not need: true and false, the strings "true" and "false"
/// (published real records carry "readOnly": "true", e.g. the test events of fivexl/terraform-aws-cloudtrail-to-slack),
/// and null for anything else, so the field never makes a record unreadable.
/// </summary>
public sealed class LenientBoolean : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("TRUE"u8) || reader.ValueTextEquals("True"u8):
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("FALSE"u8) || reader.ValueTextEquals("False"u8):
                return false;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
