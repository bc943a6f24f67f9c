using System.Globalization;
using System.Text;

namespace Denied.Rendering;

/// <summary>
/// Escaping of attacker-controlled CloudTrail text for each output format. Every renderer routes every
/// value from a record through one of these; none of them lets a value become markup, a link, a mention,
/// a terminal control sequence or a new line in a header.
/// </summary>
public static class TextEscaping
{
    /// <summary>Longest value any human output shows; longer ones are cut with an ellipsis.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// One line of plain text: control characters (ESC, CR, LF, NUL, C1, bidi overrides, zero-width joiners)
    /// become visible \uXXXX escapes, so no ANSI sequence or line break survives.
    /// </summary>
    public static string PlainLine(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            if (IsUnsafe(rune))
            {
                builder.Append(rune.Value switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => $"\\u{rune.Value:X4}",
                });
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Markdown inline text (GitHub/CommonMark): &lt; &gt; &amp; become entities, every other punctuation that can start
    /// markup is backslash-escaped, so no tag, link, image, emphasis or table cell can form.
    /// </summary>
    public static string Markdown(string? value, int maxLength = MaxLength)
    {
        var line = PlainLine(value, maxLength);
        var builder = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            // Angle brackets and ampersands become entities, which no renderer turns back into a tag or an
            // autolink (not every Markdown dialect honours backslash escapes); the rest are backslash-escaped.
            switch (c)
            {
                case '<': builder.Append("&lt;"); continue;
                case '>': builder.Append("&gt;"); continue;
                case '&': builder.Append("&amp;"); continue;
            }

            if ("\\`*_{}[]()#+-.!|~\"'@:=$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for a fenced code block: a run of three backticks or tildes would close the fence, so every third
    /// character of such a run is replaced by an apostrophe; control characters other than newline, and format
    /// characters (bidi overrides, zero-width), are escaped as \uXXXX.
    /// </summary>
    public static string CodeBlock(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        var run = 0;
        var previous = '\0';
        foreach (var c in value)
        {
            // Bidi overrides and zero-width characters too: in a command they would make the text shown differ
            // from the text run ("Trojan Source", CVE-2021-42574), as PlainLine already prevents for prose.
            if ((char.IsControl(c) && c != '\n')
                || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append($"\\u{(int)c:X4}");
                run = 0;
                continue;
            }

            run = (c == '`' || c == '~') && c == previous ? run + 1 : 1;
            previous = c;
            // A fence is three or more backticks/tildes: break every third with a visible apostrophe.
            builder.Append(run >= 3 && (c == '`' || c == '~') ? '\'' : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Slack mrkdwn (Amazon Q Developer in chat applications renders client-markdown this way): &amp;, &lt;, &gt;
    /// are entity-escaped as Slack requires, so &lt;!channel&gt;, &lt;@U123&gt; and &lt;http://x|y&gt; cannot form; formatting
    /// characters are neutralised, and '@' gets a zero-width joiner so "@here" can never become a mention.
    /// </summary>
    public static string Slack(string? value, int maxLength = MaxLength)
    {
        var line = PlainLine(value, maxLength);
        var builder = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '*' or '_' or '~' or '`' or '|' or '[' or ']':
                    // A zero-width space after the character stops it pairing into *bold*, _italic_, `code` or a link.
                    builder.Append(c).Append('\u200B');
                    break;
                case '@': builder.Append("@\u200B"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>An email Subject: one line, printable ASCII only (no header injection), at most <paramref name="maxLength"/> characters.</summary>
    public static string EmailSubject(string? value, int maxLength = 100)
    {
        var builder = new StringBuilder(maxLength);
        foreach (var c in value ?? "")
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(Rune rune)
    {
        if (Rune.IsControl(rune))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        // Format characters include bidi overrides (U+202E) and zero-width joiners that disguise text.
        return category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }
}
