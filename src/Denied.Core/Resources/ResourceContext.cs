using System.Text.Json;
using Denied.Iam;

namespace Denied.Resources;

/// <summary>The action and where it ran, plus the request parameters (a JSON object) the rules read.</summary>
internal sealed record ResourceContext(IamAction Action, JsonElement Parameters, string Partition, string? Region, string? Account)
{
    public bool Is(string prefix) => Action.Prefix.Equals(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A non-empty string parameter; CloudTrail spells most in camelCase, but match any casing.</summary>
    public string? String(string name) => JsonParameters.String(Parameters, name);

    /// <summary>Pattern values: the given pairs plus Partition, Region and Account (a pair may override those).</summary>
    public IReadOnlyDictionary<string, string> Values(params (string Name, string? Value)[] pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["Partition"] = Partition };
        if (Region is not null)
        {
            values["Region"] = Region;
        }

        if (Account is not null)
        {
            values["Account"] = Account;
        }

        foreach (var (name, value) in pairs)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[name] = value;
            }
        }

        return values;
    }
}
