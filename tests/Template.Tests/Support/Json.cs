using System.Globalization;
using System.Text.Json;

namespace Template.Tests.Support;

public static class Json
{
    /// <summary>A number written either as a JSON number or a numeric string (CloudFormation accepts both).</summary>
    public static long Number(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : long.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JsonElement ReadFile(string path) => Parse(File.ReadAllText(path));

    public static JsonElement ParameterDefault(this CfnTemplate template, string parameter) =>
        template.Root.GetProperty("Parameters").GetProperty(parameter).GetProperty("Default");

    public static IEnumerable<string> Strings(JsonElement value) => Intrinsics.Items(value).Select(v => v.GetString()!);
}
