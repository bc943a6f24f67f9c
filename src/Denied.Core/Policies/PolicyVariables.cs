using System.Text;

namespace Denied.Policies;

/// <summary>
/// Substitutes policy variables (<c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, any single-valued
/// context key, with an optional default <c>${key, 'default'}</c>) in Resource and Condition values.
/// Only documents with Version 2012-10-17 substitute; older ones read <c>${...}</c> literally
/// (IAM User Guide, "IAM policy elements: Variables and tags").
/// </summary>
public static class PolicyVariables
{
    /// <summary>
    /// The pattern for <paramref name="text"/>; <see cref="Truth.False"/> when a variable's key is absent with
    /// no default or multivalued ("the policy doesn't match", IAM: "Request information that you can use for
    /// policy variables"), <see cref="Truth.Unknown"/> when its key is unknown.
    /// </summary>
    public static Truth Resolve(string text, RequestContext context, bool substitute, out PolicyPattern pattern)
    {
        pattern = PolicyPattern.Plain(text);
        if (!substitute || !text.Contains("${", StringComparison.Ordinal)) return Truth.True;
        var chars = new StringBuilder();
        var wild = new List<bool>();
        var outcome = Truth.True;
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{' ? text.IndexOf('}', i + 2) : -1;
            if (close < 0)
            {
                chars.Append(text[i]);
                wild.Add(text[i] is '*' or '?');
                continue;
            }

            var inner = text[(i + 2)..close];
            string? literal = inner switch
            {
                "*" => "*",
                "?" => "?",
                "$" => "$",
                _ => null,
            };
            if (literal is null)
            {
                var state = Value(inner, context, out literal);
                if (state != Truth.True)
                {
                    outcome = outcome.And(state);
                    literal = "";
                }
            }

            chars.Append(literal);
            wild.AddRange(Enumerable.Repeat(false, literal!.Length));
            i = close;
        }

        pattern = new PolicyPattern(chars.ToString(), wild.ToArray());
        return outcome;
    }

    private static Truth Value(string inner, RequestContext context, out string? value)
    {
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        var key = (comma < 0 ? inner : inner[..comma]).Trim();
        string? fallback = null;
        if (comma >= 0)
        {
            var rest = inner[(comma + 1)..].Trim();
            if (rest.Length >= 2 && rest[0] == '\'' && rest[^1] == '\'') fallback = rest[1..^1];
        }

        var state = context.Lookup(key, out var values);
        value = null;
        switch (state)
        {
            case KeyState.Present when values.Count == 1:
                value = values[0];
                return Truth.True;
            case KeyState.Present:
                return Truth.False;
            case KeyState.Absent when fallback is not null:
                value = fallback;
                return Truth.True;
            case KeyState.Absent:
                return Truth.False;
            default:
                return Truth.Unknown;
        }
    }
}
