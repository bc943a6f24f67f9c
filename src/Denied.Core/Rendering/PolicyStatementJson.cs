using System.Text.Json;
using Denied.Remediation;

namespace Denied.Rendering;

/// <summary>Writes and reads an IAM statement in IAM's own JSON shape (single values as strings).</summary>
public static class PolicyStatementJson
{
    public static void Write(Utf8JsonWriter w, PolicyStatement s)
    {
        w.WriteStartObject();
        if (s.Sid is not null)
        {
            w.WriteString("Sid", s.Sid);
        }

        w.WriteString("Effect", s.Effect);
        if (s.Principal is { } p)
        {
            w.WriteStartObject("Principal");
            w.WriteString(p.Type, p.Value);
            w.WriteEndObject();
        }

        WriteOneOrMany(w, "Action", s.Actions);
        // No resources: no Resource element (a trust policy must not have one).
        if (s.Resources.Count > 0)
        {
            WriteOneOrMany(w, "Resource", s.Resources);
        }

        if (s.Conditions.Count > 0)
        {
            w.WriteStartObject("Condition");
            foreach (var group in s.Conditions.GroupBy(c => c.Operator))
            {
                w.WriteStartObject(group.Key);
                foreach (var (_, key, value) in group)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static PolicyStatement Read(JsonElement e)
    {
        (string, string)? principal = null;
        if (e.TryGetProperty("Principal", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in p.EnumerateObject())
            {
                principal = (prop.Name, prop.Value.GetString() ?? "");
                break;
            }
        }

        var conditions = new List<(string, string, string)>();
        if (e.TryGetProperty("Condition", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var op in c.EnumerateObject())
            {
                foreach (var kv in op.Value.EnumerateObject())
                {
                    conditions.Add((op.Name, kv.Name, kv.Value.GetString() ?? ""));
                }
            }
        }

        return new PolicyStatement
        {
            Sid = e.TryGetProperty("Sid", out var sid) ? sid.GetString() : null,
            Effect = e.TryGetProperty("Effect", out var eff) ? eff.GetString() ?? "Allow" : "Allow",
            Principal = principal,
            Actions = ReadOneOrMany(e, "Action"),
            Resources = ReadOneOrMany(e, "Resource"),
            Conditions = conditions,
        };
    }

    private static void WriteOneOrMany(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            w.WriteString(name, values[0]);
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static List<string> ReadOneOrMany(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [v.GetString() ?? ""];
    }
}
