using System.Text;

namespace Denied.Remediation;

/// <summary>
/// Builds the YAML of the SAM, CloudFormation and Serverless snippets. Every value is a double-quoted scalar
/// (<see cref="YamlText"/>); keys and layout are ours.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>
    /// Serverless Framework resolves "${...}" variables in every string of serverless.yml after YAML parsing, so
    /// no YAML escape hides them. With this set, a value holding "${" is written as Fn::Join of pieces that each
    /// lack "${": CloudFormation joins them at deploy time, after Serverless has looked. The default is false.
    /// </summary>
    public bool SplitVariables { get; init; }

    public YamlWriter Line(int indent, string text)
    {
        _text.Append(' ', indent).Append(text).Append('\n');
        return this;
    }

    public YamlWriter Pair(int indent, string key, string value) => Line(indent, key + ": " + Scalar(value));

    public string Scalar(string value)
    {
        if (!SplitVariables || !value.Contains("${", StringComparison.Ordinal))
        {
            return YamlText.Quote(value);
        }

        var pieces = new List<string>();
        var start = 0;
        for (var i = value.IndexOf("${", StringComparison.Ordinal); i >= 0; i = value.IndexOf("${", i + 1, StringComparison.Ordinal))
        {
            pieces.Add(value[start..(i + 1)]);
            start = i + 1;
        }

        pieces.Add(value[start..]);
        return "{\"Fn::Join\": [\"\", [" + string.Join(", ", pieces.Select(YamlText.Quote)) + "]]}";
    }

    /// <summary>"Version" and "Statement" of a policy document, at <paramref name="indent"/>.</summary>
    public YamlWriter PolicyDocument(int indent, IEnumerable<PolicyStatement> statements)
    {
        Line(indent, "Version: \"2012-10-17\"");
        Line(indent, "Statement:");
        return Statements(indent + 2, statements);
    }

    /// <summary>Statements as a YAML sequence whose dashes sit at <paramref name="indent"/>.</summary>
    public YamlWriter Statements(int indent, IEnumerable<PolicyStatement> statements)
    {
        foreach (var statement in statements)
        {
            var first = true;
            string Lead()
            {
                var lead = first ? "- " : "  ";
                first = false;
                return lead;
            }

            var inner = indent + 2;
            if (statement.Sid is not null)
            {
                Line(indent, Lead() + "Sid: " + Scalar(statement.Sid));
            }

            Line(indent, Lead() + "Effect: " + (statement.Effect is "Allow" or "Deny" ? statement.Effect : Scalar(statement.Effect)));
            if (statement.Principal is { } principal)
            {
                Line(inner, "Principal:");
                Line(inner + 2, YamlText.Quote(principal.Type) + ": " + Scalar(principal.Value));
            }

            List(inner, "Action", statement.Actions);
            if (statement.Resources.Count > 0)
            {
                List(inner, "Resource", statement.Resources);
            }

            if (statement.Conditions.Count > 0)
            {
                Line(inner, "Condition:");
                foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
                {
                    Line(inner + 2, YamlText.Quote(group.Key) + ":");
                    foreach (var (_, key, value) in group)
                    {
                        Line(inner + 4, YamlText.Quote(key) + ": " + Scalar(value));
                    }
                }
            }
        }

        return this;
    }

    public YamlWriter List(int indent, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            return Pair(indent, key, values[0]);
        }

        Line(indent, key + ":");
        foreach (var value in values)
        {
            Line(indent + 2, "- " + Scalar(value));
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
