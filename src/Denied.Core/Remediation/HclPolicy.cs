using System.Text;

namespace Denied.Remediation;

/// <summary>
/// A policy document as a Terraform jsonencode(...) argument: HCL object syntax, every value an escaped HCL
/// string (<see cref="HclText"/>), keys that are not identifiers quoted.
/// </summary>
internal static class HclPolicy
{
    /// <summary>"jsonencode({ Version = ..., Statement = [...] })"; continuation lines are indented by <paramref name="indent"/>.</summary>
    public static string JsonEncode(IEnumerable<PolicyStatement> statements, int indent)
    {
        var text = new StringBuilder("jsonencode({\n");
        var pad = new string(' ', indent);
        text.Append(pad).Append("  Version = \"2012-10-17\"\n");
        text.Append(pad).Append("  Statement = [\n");
        foreach (var statement in statements)
        {
            var inner = pad + "      ";
            text.Append(pad).Append("    {\n");
            if (statement.Sid is not null)
            {
                text.Append(inner).Append("Sid = ").Append(HclText.Quote(statement.Sid)).Append('\n');
            }

            text.Append(inner).Append("Effect = ").Append(HclText.Quote(statement.Effect)).Append('\n');
            if (statement.Principal is { } principal)
            {
                text.Append(inner).Append("Principal = { ").Append(Key(principal.Type)).Append(" = ")
                    .Append(HclText.Quote(principal.Value)).Append(" }\n");
            }

            text.Append(inner).Append("Action = ").Append(OneOrMany(statement.Actions)).Append('\n');
            if (statement.Resources.Count > 0)
            {
                text.Append(inner).Append("Resource = ").Append(OneOrMany(statement.Resources)).Append('\n');
            }

            if (statement.Conditions.Count > 0)
            {
                text.Append(inner).Append("Condition = {\n");
                foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
                {
                    text.Append(inner).Append("  ").Append(Key(group.Key)).Append(" = {\n");
                    foreach (var (_, key, value) in group)
                    {
                        text.Append(inner).Append("    ").Append(Key(key)).Append(" = ").Append(HclText.Quote(value)).Append('\n');
                    }

                    text.Append(inner).Append("  }\n");
                }

                text.Append(inner).Append("}\n");
            }

            text.Append(pad).Append("    },\n");
        }

        text.Append(pad).Append("  ]\n");
        text.Append(pad).Append("})");
        return text.ToString();
    }

    private static string OneOrMany(IReadOnlyList<string> values) =>
        values.Count == 1 ? HclText.Quote(values[0]) : "[" + string.Join(", ", values.Select(HclText.Quote)) + "]";

    // Object keys such as "aws:SourceArn" are not HCL identifiers and must be quoted.
    private static string Key(string key) => key.All(char.IsAsciiLetterOrDigit) ? key : HclText.Quote(key);
}
