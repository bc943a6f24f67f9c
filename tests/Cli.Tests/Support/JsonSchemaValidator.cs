using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cli.Tests.Support;

/// <summary>
/// A small JSON Schema (2020-12) validator for the keywords docs/schemas use: type, enum, const, properties,
/// required, additionalProperties, items, minimum, minLength, pattern, anyOf, allOf, and $ref to "#/$defs/NAME",
/// "OTHER.schema.json" or "OTHER.schema.json#/$defs/NAME" beside it. A keyword it does not know fails the
/// validation, so a schema cannot quietly claim more than this checks.
/// </summary>
public sealed class JsonSchemaValidator(JsonElement root, string folder)
{
    private readonly JsonElement _root = root;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "type", "enum", "const", "properties",
        "required", "additionalProperties", "items", "minimum", "minLength", "pattern", "anyOf", "allOf", "format", "examples",
    };

    public static JsonSchemaValidator Load(string path) =>
        new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone(), Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <summary>Every violation, as "path: problem"; empty when the instance is valid.</summary>
    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                errors.Add($"{path}: schema keyword {keyword.Name} is not supported by this validator");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var (validator, target) = Resolve(reference.GetString()!);
            validator.Check(target, value, path, errors);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var branch in allOf.EnumerateArray())
            {
                Check(branch, value, path, errors);
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t)))
            {
                errors.Add($"{path}: {value.ValueKind} is not {string.Join(" or ", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: {value.GetRawText()} is not {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().Select(b => { var e = new List<string>(); Check(b, value, path, e); return e; }).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.Add($"{path}: matches no anyOf branch ({string.Join("; ", branches.SelectMany(b => b).Take(3))})");
            }
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                errors.Add($"{path}: shorter than {minLength.GetInt32()}");
            }

            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(5)))
            {
                errors.Add($"{path}: '{text}' does not match {pattern.GetString()}");
            }
        }

        if (value.ValueKind == JsonValueKind.Number && schema.TryGetProperty("minimum", out var minimum) && value.GetDouble() < minimum.GetDouble())
        {
            errors.Add($"{path}: {value.GetDouble().ToString(CultureInfo.InvariantCulture)} is below {minimum.GetDouble().ToString(CultureInfo.InvariantCulture)}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    errors.Add($"{path}: required property {name} is missing");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                {
                    Check(sub, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    Check(additional, property.Value, $"{path}.{property.Name}", errors);
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private (JsonSchemaValidator Validator, JsonElement Schema) Resolve(string reference)
    {
        const string defs = "#/$defs/";
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : reference[hash..];
        var validator = file.Length == 0 ? this : Load(Path.Combine(folder, file));
        if (fragment is "" or "#")
        {
            return (validator, validator._root);
        }

        if (!fragment.StartsWith(defs, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"$ref {reference}: only FILE, #/$defs/NAME and FILE#/$defs/NAME are supported");
        }

        return (validator, validator._root.GetProperty("$defs").GetProperty(fragment[defs.Length..]));
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException($"type {type}"),
    };
}
