using System.Globalization;
using System.Text;

namespace Denied.Remediation;

/// <summary>
/// HCL (Terraform) quoted strings. Besides the JSON-like escapes, "${" and "%{" open interpolation and
/// template directives even inside quotes; Terraform's literal forms are "$${" and "%%{".
/// </summary>
internal static class HclText
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '$' when next == '{' => builder.Append("$$"),
                '%' when next == '{' => builder.Append("%%"),
                _ when c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF'
                    => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
