using System.Globalization;
using System.Text;

namespace Denied.Remediation;

/// <summary>
/// TypeScript single-quoted string literals (CDK style). Backticks and "${" are inert outside template
/// literals; line terminators, including U+2028/U+2029, must be escaped or they end the literal.
/// </summary>
internal static class TsText
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\'' => builder.Append("\\'"),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF'
                    => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('\'').ToString();
    }
}
