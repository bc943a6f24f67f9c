using System.Buffers;
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
    /// One line of plain text, read by code point (Rune): control characters (ESC, CR, LF, NUL, C1), format
    /// characters in any plane (bidi overrides, zero-width joiners, the tag characters U+E0000-U+E007F, the musical
    /// format characters U+1D173-U+1D17A), line/paragraph separators and unpaired surrogates become visible
    /// escapes (<c>\uXXXX</c>, <c>\U000XXXXX</c> above the BMP), so no ANSI sequence, line break or hidden text survives.
    /// </summary>
    public static string PlainLine(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        for (var i = 0; i < value.Length;)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            var (rune, width, unsafeText) = Next(value, i);
            i += width;
            if (unsafeText is not null)
            {
                builder.Append(rune.Value switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => unsafeText,
                });
            }
            else
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Markdown inline text (GitHub/CommonMark): &lt; &gt; &amp; become entities, every other punctuation that can start
    /// markup is backslash-escaped, so no tag, link, image, emphasis or table cell can form. Read by code point after
    /// <see cref="PlainLine"/>, so a character outside the BMP is copied whole.
    /// </summary>
    public static string Markdown(string? value, int maxLength = MaxLength)
    {
        var line = PlainLine(value, maxLength);
        var builder = new StringBuilder(line.Length + 16);
        foreach (var rune in line.EnumerateRunes())
        {
            // Angle brackets and ampersands become entities, which no renderer turns back into a tag or an
            // autolink (not every Markdown dialect honours backslash escapes); the rest are backslash-escaped.
            switch (rune.Value)
            {
                case '<': builder.Append("&lt;"); continue;
                case '>': builder.Append("&gt;"); continue;
                case '&': builder.Append("&amp;"); continue;
            }

            if (rune.IsAscii && MarkdownSpecials.Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            AppendRune(builder, rune);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for a fenced code block, read by code point: every character a reader can see is kept as it is, backticks and
    /// tildes included, so a command copied from the block is the command the terminal shows; control characters other
    /// than newline, format characters in any plane (bidi overrides, zero-width, tag characters), separators and unpaired
    /// surrogates are escaped as <c>\uXXXX</c> (<c>\U000XXXXX</c> above the BMP), as <see cref="PlainLine"/> does. The
    /// block must be opened and closed with <see cref="CodeFence"/> of this text, which no run inside it can close.
    /// </summary>
    public static string CodeBlock(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            var (rune, width, unsafeText) = Next(value, i);
            i += width;

            // Bidi overrides, zero-width and tag characters too: in a command they would make the text shown differ
            // from the text run ("Trojan Source", CVE-2021-42574), as PlainLine already prevents for prose.
            if (unsafeText is not null && rune.Value != '\n')
            {
                builder.Append(unsafeText);
            }
            else
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The backtick fence that opens and closes a code block holding <paramref name="code"/>: one backtick longer than
    /// the longest run of backticks in it, and at least three. CommonMark closes a fenced block only at a fence of the
    /// same character at least as long as the opening one (CommonMark spec, "Fenced code blocks"), so no line of the
    /// text can close this one, and a tilde run never closes a backtick fence.
    /// </summary>
    public static string CodeFence(string? code) => new('`', Math.Max(3, LongestRun(code, '`') + 1));

    /// <summary>The length of the longest run of <paramref name="c"/> in <paramref name="text"/> (0 when there is none).</summary>
    public static int LongestRun(string? text, char c)
    {
        var longest = 0;
        var run = 0;
        foreach (var x in text ?? "")
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>
    /// Slack mrkdwn (Amazon Q Developer in chat applications renders client-markdown this way): &amp;, &lt;, &gt;
    /// are entity-escaped as Slack requires, so &lt;!channel&gt;, &lt;@U123&gt; and &lt;http://x|y&gt; cannot form; formatting
    /// characters are neutralised, and '@' gets a zero-width joiner so "@here" can never become a mention. Read by
    /// code point after <see cref="PlainLine"/>.
    /// </summary>
    public static string Slack(string? value, int maxLength = MaxLength)
    {
        var line = PlainLine(value, maxLength);
        var builder = new StringBuilder(line.Length + 16);
        foreach (var rune in line.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '*' or '_' or '~' or '`' or '|' or '[' or ']':
                    // A zero-width space after the character stops it pairing into *bold*, _italic_, `code` or a link.
                    builder.Append((char)rune.Value).Append('\u200B');
                    break;
                case '@': builder.Append("@\u200B"); break;
                default: AppendRune(builder, rune); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// An email Subject: one line, printable ASCII only (no header injection), at most <paramref name="maxLength"/>
    /// characters; every other code point (a character outside the BMP, an unpaired surrogate) becomes one '?'.
    /// </summary>
    public static string EmailSubject(string? value, int maxLength = 100)
    {
        var text = value ?? "";
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && builder.Length < maxLength;)
        {
            var (rune, width, _) = Next(text, i);
            i += width;
            builder.Append(rune.Value is >= ' ' and <= '~' ? (char)rune.Value : '?');
        }

        return builder.ToString();
    }

    private const string MarkdownSpecials = "\\`*_{}[]()#+-.!|~\"'@:=$";

    /// <summary>
    /// The code point at <paramref name="index"/>, how many UTF-16 units it takes, and its visible escape when a
    /// reader would not see it as it is (null when it is safe to show). An unpaired surrogate is one unit, its
    /// escape names that unit, and its rune is U+FFFD.
    /// </summary>
    private static (Rune Rune, int Width, string? Escape) Next(string value, int index)
    {
        if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var width) != OperationStatus.Done)
        {
            return (Rune.ReplacementChar, 1, $"\\u{(int)value[index]:X4}");
        }

        return (rune, width, IsUnsafe(rune) ? Escape(rune) : null);
    }

    private static string Escape(Rune rune) => rune.IsBmp ? $"\\u{rune.Value:X4}" : $"\\U{rune.Value:X8}";

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> units = stackalloc char[2];
        builder.Append(units[..rune.EncodeToUtf16(units)]);
    }

    private static bool IsUnsafe(Rune rune)
    {
        if (Rune.IsControl(rune))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        // Format characters include bidi overrides (U+202E), zero-width joiners and, above the BMP, the tag characters
        // (U+E0001, U+E0020-U+E007F) that hide text from a reader ("ASCII smuggling").
        return category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }
}
