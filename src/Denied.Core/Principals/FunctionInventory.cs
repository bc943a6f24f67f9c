using System.Text.Json;

namespace Denied.Principals;

/// <summary>
/// The account's functions and their execution roles, from `aws lambda list-functions` output
/// (`--functions FILE`). Confirms that a role session is a function, and names the function behind
/// sessions that do not carry its name. Immutable once built.
/// </summary>
public sealed class FunctionInventory
{
    private readonly IReadOnlyList<FunctionEntry> _entries;
    private readonly Dictionary<string, List<FunctionEntry>> _byRole;
    private readonly Dictionary<string, List<FunctionEntry>> _byName;

    private FunctionInventory(IReadOnlyList<FunctionEntry> entries)
    {
        _entries = entries;
        _byRole = Group(entries, e => RoleArns.Key(e.RoleArn));
        _byName = Group(entries, e => e.Name);
    }

    public int Count => _entries.Count;

    public static FunctionInventory From(IEnumerable<FunctionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new FunctionInventory(entries.ToArray());
    }

    /// <summary>Reads `{"Functions":[{"FunctionName","FunctionArn","Role",...}]}`; other fields are ignored.</summary>
    /// <exception cref="FormatException">Not JSON, no "Functions" array, or an entry without one of the three strings.</exception>
    public static FunctionInventory Parse(Stream listFunctionsJson)
    {
        ArgumentNullException.ThrowIfNull(listFunctionsJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(listFunctionsJson);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The function inventory is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Functions", out var functions)
                || functions.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException(
                    "The function inventory must be the output of `aws lambda list-functions`: an object with a \"Functions\" array.");
            }

            var entries = new List<FunctionEntry>();
            var index = 0;
            foreach (var function in functions.EnumerateArray())
            {
                entries.Add(new FunctionEntry(
                    Required(function, "FunctionName", index),
                    Required(function, "FunctionArn", index),
                    Required(function, "Role", index)));
                index++;
            }

            return new FunctionInventory(entries);
        }
    }

    /// <summary>Functions whose execution role is <paramref name="roleArn"/> (IAM role or STS session ARN; path optional).</summary>
    public IReadOnlyList<FunctionEntry> FunctionsForRole(string roleArn)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        return _byRole.TryGetValue(RoleArns.Key(roleArn), out var list) ? list : [];
    }

    /// <summary>The function by name or (partial, qualified) ARN; with duplicate names, the one whose ARN matches.</summary>
    public FunctionEntry? ByName(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        if (FunctionNames.FromNameOrArn(nameOrArn) is not { } name || !_byName.TryGetValue(name, out var list))
        {
            return null;
        }

        var arn = nameOrArn.Trim();
        return list.FirstOrDefault(e => arn.StartsWith(e.Arn, StringComparison.Ordinal)) ?? list[0];
    }

    private static string Required(JsonElement function, string property, int index) =>
        function.ValueKind == JsonValueKind.Object
        && function.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"Functions[{index}] has no \"{property}\" string.");

    private static Dictionary<string, List<FunctionEntry>> Group(IEnumerable<FunctionEntry> entries, Func<FunctionEntry, string> key)
    {
        var groups = new Dictionary<string, List<FunctionEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var k = key(entry);
            if (!groups.TryGetValue(k, out var list))
            {
                groups[k] = list = [];
            }

            list.Add(entry);
        }

        return groups;
    }
}
