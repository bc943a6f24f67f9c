using System.Globalization;
using System.Text;

namespace Denied.Remediation;

/// <summary>
/// The backslash quoting that YAML double-quoted scalars and TypeScript single-quoted literals share: the quote
/// and backslash escaped, \n \r \t by name, and every C0/C1 control, DEL, U+2028/U+2029 (line terminators in
/// both) and the BOM as \uXXXX, so no value can end its literal or its line.
/// </summary>
internal static class BackslashQuoting
{
    public static string Quote(string value, char quote)
    {
        var builder = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            _ = c switch
            {
                _ when c == quote => builder.Append('\\').Append(c),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when c < ' ' || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF'
                    => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append(quote).ToString();
    }
}
