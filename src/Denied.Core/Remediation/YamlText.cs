using System.Globalization;
using System.Text;

namespace Denied.Remediation;

/// <summary>
/// YAML 1.2 double-quoted scalars. Double quotes are the only YAML style in which every character can be
/// escaped, so a value never starts a tag (!Ref), an anchor, a comment or a new key, whatever it holds.
/// </summary>
internal static class YamlText
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                // C0/C1 controls, DEL, and the characters YAML itself treats as line breaks or a BOM.
                _ when c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF'
                    => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
