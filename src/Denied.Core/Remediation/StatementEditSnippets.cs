using System.Text;
using System.Text.Json.Nodes;
using Denied.Rendering;

namespace Denied.Remediation;

/// <summary>
/// The infrastructure-as-code side of a statement edit: for each tool, a comment naming the policy and the statement
/// to change and what to add, then that statement as it reads after the change, in the tool's syntax. The template
/// that deploys the role is not in the record, so the snippet shows the statement to find and replace rather than a
/// whole resource: adding a second statement beside the near miss would leave two to maintain.
/// </summary>
internal static class StatementEditSnippets
{
    /// <returns>The snippets by tool (the keys of <see cref="Snippets.For"/>), or none when the edited statement cannot be read back.</returns>
    public static IReadOnlyDictionary<string, string> For(StatementEdit edit, string roleName)
    {
        if (EditedStatement(edit) is not { } statement)
        {
            return new Dictionary<string, string>();
        }

        var which = edit.Sid is { Length: > 0 } sid ? $"the statement with Sid \"{sid}\"" : $"statement {edit.Index} (zero-based) of its Statement list";
        var where = edit.PolicyName is { } inline ? $"inline policy \"{inline}\" of role {roleName}" : $"managed policy {edit.PolicyArn}";
        var change = $"add {edit.Added} to its {edit.Element}. It reads, after the change:";
        string Comment(string prefix, string definedBy) =>
            $"{prefix} In the {definedBy} that defines {TextEscaping.PlainLine(where, 600)}, change {TextEscaping.PlainLine(which, 300)}: {TextEscaping.PlainLine(change, 900)}\n";

        var yamlDefinedBy = edit.PolicyName is not null ? "Policies entry (function or AWS::IAM::Role)" : "AWS::IAM::ManagedPolicy";
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["sam"] = Comment("#", yamlDefinedBy) + Yaml(statement, new YamlWriter()),
            ["cloudformation"] = Comment("#", yamlDefinedBy) + Yaml(statement, new YamlWriter()),
            ["serverless"] = Comment("#", edit.PolicyName is not null ? "provider.iam.role.statements or resources entry" : "resources entry (AWS::IAM::ManagedPolicy)")
                + Yaml(statement, new YamlWriter { SplitVariables = true }),
            ["terraform"] = Comment("#", edit.PolicyName is not null ? "jsonencode Statement list of the aws_iam_role_policy (or the role's inline_policy)" : "jsonencode Statement list of the aws_iam_policy")
                + Hcl(statement, 0) + "\n",
            ["cdk"] = Comment("//", edit.PolicyName is not null ? "role's inline policy (iam.Policy or addToRolePolicy)" : "iam.ManagedPolicy")
                + "import * as iam from 'aws-cdk-lib/aws-iam';\n\niam.PolicyStatement.fromJson(" + Ts(statement, 0) + ");\n",
        };
    }

    /// <summary>The edited statement out of the whole edited document (Statement is an object or a list).</summary>
    private static JsonObject? EditedStatement(StatementEdit edit)
    {
        try
        {
            return JsonNode.Parse(edit.EditedDocument)?["Statement"] switch
            {
                JsonObject one when edit.Index == 0 => one,
                JsonArray list when edit.Index >= 0 && edit.Index < list.Count => list[edit.Index] as JsonObject,
                _ => null,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Yaml(JsonObject statement, YamlWriter yaml)
    {
        YamlMapping(yaml, 0, statement, "- ");
        return yaml.ToString();
    }

    /// <summary>A mapping whose first key follows <paramref name="lead"/> ("- " for a sequence item) at <paramref name="indent"/>.</summary>
    private static void YamlMapping(YamlWriter yaml, int indent, JsonObject map, string lead)
    {
        var first = true;
        var keyIndent = indent + lead.Length;
        foreach (var (key, value) in map)
        {
            var prefix = first ? lead : new string(' ', lead.Length);
            first = false;
            var name = key.Length > 0 && key.All(char.IsAsciiLetterOrDigit) ? key : YamlText.Quote(key);
            switch (value)
            {
                case JsonObject inner when inner.Count > 0:
                    yaml.Line(indent, prefix + name + ":");
                    YamlMapping(yaml, keyIndent + 2, inner, "");
                    break;
                case JsonArray list when list.Count > 0:
                    yaml.Line(indent, prefix + name + ":");
                    foreach (var item in list)
                    {
                        if (item is JsonObject element)
                        {
                            YamlMapping(yaml, keyIndent + 2, element, "- ");
                        }
                        else
                        {
                            yaml.Line(keyIndent + 2, "- " + YamlScalar(yaml, item));
                        }
                    }

                    break;
                default:
                    yaml.Line(indent, prefix + name + ": " + YamlScalar(yaml, value));
                    break;
            }
        }
    }

    private static string YamlScalar(YamlWriter yaml, JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue(out string? s) => yaml.Scalar(s),
        // Booleans and numbers are written as JSON wrote them (true, false, 10), which YAML reads the same.
        _ => value.ToJsonString(),
    };

    // HCL separates an object's attributes by newlines (Terraform's jsonencode argument); TypeScript needs commas.
    private static string Hcl(JsonNode? node, int indent) => Literal(node, indent, HclText.Quote, k => k.All(char.IsAsciiLetterOrDigit) ? k : HclText.Quote(k), " = ", "");

    private static string Ts(JsonNode? node, int indent) => Literal(node, indent, TsText.Quote, TsText.Quote, ": ", ",");

    /// <summary>An object literal in HCL or TypeScript: both nest the same way and differ in quoting and separators.</summary>
    private static string Literal(JsonNode? node, int indent, Func<string, string> quote, Func<string, string> key, string separator, string attributeEnd)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject map:
                var text = new StringBuilder("{\n");
                foreach (var (name, value) in map)
                {
                    text.Append(pad).Append("  ").Append(key(name)).Append(separator).Append(Literal(value, indent + 2, quote, key, separator, attributeEnd)).Append(attributeEnd).Append('\n');
                }

                return text.Append(pad).Append('}').ToString();
            case JsonArray list:
                return "[" + string.Join(", ", list.Select(item => Literal(item, indent, quote, key, separator, attributeEnd))) + "]";
            case JsonValue v when v.TryGetValue(out string? s):
                return quote(s);
            case null:
                return "null";
            default:
                return node.ToJsonString();
        }
    }
}
