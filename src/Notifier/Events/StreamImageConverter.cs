using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Denied.Notifier.Events;

/// <summary>
/// DynamoDB JSON as a stream record carries it (<c>{"S":..}</c>, <c>{"N":..}</c>, <c>{"B":base64}</c>,
/// <c>{"SS":[..]}</c>, <c>{"NS":[..]}</c>, <c>{"BS":[..]}</c>, <c>{"M":{..}}</c>, <c>{"L":[..]}</c>,
/// <c>{"BOOL":..}</c>, <c>{"NULL":true}</c>) to the SDK's <see cref="AttributeValue"/>, by hand over
/// <see cref="JsonElement"/> because the SDK's own converters use reflection (not AOT-safe). Throws
/// <see cref="FormatException"/> naming the attribute for anything else.
/// </summary>
public static class StreamImageConverter
{
    /// <summary>Nesting beyond this is rejected: the table's items are at most a few levels deep.</summary>
    public const int MaxDepth = 32;

    public static Dictionary<string, AttributeValue> ToItem(IReadOnlyDictionary<string, JsonElement> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var item = new Dictionary<string, AttributeValue>(image.Count, StringComparer.Ordinal);
        foreach (var (name, value) in image)
        {
            item[name] = ToValue(value, name, 0);
        }

        return item;
    }

    private static AttributeValue ToValue(JsonElement e, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"attribute '{path}' is nested more than {MaxDepth} levels");
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"attribute '{path}' is not a DynamoDB JSON value object");
        }

        using var properties = e.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new FormatException($"attribute '{path}' has no type");
        }

        var p = properties.Current;
        if (properties.MoveNext())
        {
            throw new FormatException($"attribute '{path}' has more than one type");
        }

        return p.Name switch
        {
            "S" => new AttributeValue { S = Text(p.Value, path) },
            "N" => new AttributeValue { N = Text(p.Value, path) },
            "B" => new AttributeValue { B = Binary(p.Value, path) },
            "SS" => new AttributeValue { SS = Array(p.Value, path).Select(v => Text(v, path)).ToList() },
            "NS" => new AttributeValue { NS = Array(p.Value, path).Select(v => Text(v, path)).ToList() },
            "BS" => new AttributeValue { BS = Array(p.Value, path).Select(v => Binary(v, path)).ToList() },
            "L" => new AttributeValue { L = Array(p.Value, path).Select((v, i) => ToValue(v, $"{path}[{i}]", depth + 1)).ToList() },
            "M" when p.Value.ValueKind == JsonValueKind.Object => new AttributeValue
            {
                M = p.Value.EnumerateObject().ToDictionary(m => m.Name, m => ToValue(m.Value, path + "." + m.Name, depth + 1), StringComparer.Ordinal),
            },
            "BOOL" when p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False => new AttributeValue { BOOL = p.Value.GetBoolean() },
            "NULL" when p.Value.ValueKind is JsonValueKind.True => new AttributeValue { NULL = true },
            _ => throw new FormatException($"attribute '{path}' has an unsupported type or value ('{p.Name}')"),
        };
    }

    private static string Text(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"attribute '{path}' holds a non-string scalar");

    private static MemoryStream Binary(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && e.TryGetBytesFromBase64(out var bytes)
            ? new MemoryStream(bytes)
            : throw new FormatException($"attribute '{path}' holds invalid base64");

    private static JsonElement.ArrayEnumerator Array(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new FormatException($"attribute '{path}' is not a list");
}
