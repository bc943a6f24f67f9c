using Denied.Rendering;

namespace Denied.Core.Tests.Rendering;

/// <summary>The hostile-input table (STYLE.md) through every escaping used by the renderers.</summary>
public sealed class TextEscapingTests
{
    public static TheoryData<string> Hostile => new()
    {
        "a\0b", "line1\nline2", "cr\rreturn", "quote\"s and 'single'", "back`tick```fence", "<@here>", "<!channel>",
        "[link](http://x)", "<http://x|y>", "\u001b[31mred\u001b[0m", "pipe|cell", "emoji 🎉 ok", "bidi \u202Eevil", "zero\u200Bwidth",
        new string('x', 10_240), "Subject: x\r\nBcc: victim@example.com", "*bold* _it_ ~strike~", "&amp; &lt;", "@everyone",
        "tag\U000E0041\U000E007Fhidden", "music\U0001D173\U0001D17Abeam", "short\U0001BCA0hand", "lone\uD800high", "lone\uDC00low",
        "swapped\uDC00\uD800", "``\U000E0041`fence",
    };

    /// <summary>Each escaper's output, read by code point: no control, format or separator character, no unpaired surrogate.</summary>
    private static bool HasHiddenCodePoint(string text, bool allowNewline = false, bool allowZeroWidthSpace = false)
    {
        for (var i = 0; i < text.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var width) != System.Buffers.OperationStatus.Done)
            {
                return true;
            }

            i += width;
            if ((allowNewline && rune.Value == '\n') || (allowZeroWidthSpace && rune.Value == '\u200B'))
            {
                continue;
            }

            if (System.Text.Rune.IsControl(rune) || System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }

        return false;
    }

    [Theory]
    [MemberData(nameof(Hostile), DisableDiscoveryEnumeration = true)]
    public void NoEscaperLetsAHiddenCodePointThroughInAnyPlane(string value)
    {
        Assert.False(HasHiddenCodePoint(TextEscaping.PlainLine(value)), "PlainLine");
        Assert.False(HasHiddenCodePoint(TextEscaping.Markdown(value)), "Markdown");
        Assert.False(HasHiddenCodePoint(TextEscaping.Slack(value), allowZeroWidthSpace: true), "Slack");
        Assert.False(HasHiddenCodePoint(TextEscaping.CodeBlock(value), allowNewline: true), "CodeBlock");
    }

    // Built at run time and not enumerated at discovery: an unpaired surrogate survives neither an attribute's UTF-8
    // blob nor the test runner's serialisation of theory rows.
    public static TheoryData<string, string> HiddenCodePoints => new()
    {
        { "a\U000E0041b", "a\\U000E0041b" }, { "\U000E0001x", "\\U000E0001x" }, { "m\U0001D173", "m\\U0001D173" },
        { "a\uD800b", "a\\uD800b" }, { "a\uDFFF", "a\\uDFFF" }, { "\uDC00\uD800", "\\uDC00\\uD800" },
        { "emoji \U0001F389 kept", "emoji \U0001F389 kept" }, { "bidi\u202E", "bidi\\u202E" },
    };

    [Theory]
    [MemberData(nameof(HiddenCodePoints), DisableDiscoveryEnumeration = true)]
    public void PlainLineAndCodeBlockShowAHiddenCodePointAsItsEscape(string value, string shown)
    {
        Assert.Equal(shown, TextEscaping.PlainLine(value));
        Assert.Equal(shown, TextEscaping.CodeBlock(value));
    }

    public static TheoryData<string, string> SubjectCodePoints => new()
    {
        { "a\U0001F389b", "a?b" }, { "a\U000E0041b", "a?b" }, { "a\uD800b", "a?b" }, { "\uDC00\uD800", "??" },
    };

    [Theory]
    [MemberData(nameof(SubjectCodePoints), DisableDiscoveryEnumeration = true)]
    public void EmailSubjectShowsOneQuestionMarkPerCodePoint(string value, string subject) =>
        Assert.Equal(subject, TextEscaping.EmailSubject(value));

    [Fact]
    public void PlainLineCutsBetweenCodePointsNeverInsideASurrogatePair()
    {
        var text = TextEscaping.PlainLine("ab\U0001F389cd", maxLength: 3);

        Assert.Equal("ab\U0001F389…", text);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void PlainLineLeavesNoControlCharacterOrLineBreak(string value)
    {
        var text = TextEscaping.PlainLine(value);

        Assert.DoesNotContain(text, c => char.IsControl(c) || c is '\u202E' or '\u2028' or '\u2029');
        Assert.True(text.Length <= TextEscaping.MaxLength + 1);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void SlackTextCannotFormAMentionLinkOrMarkup(string value)
    {
        var text = TextEscaping.Slack(value);

        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.DoesNotContain("](", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => char.IsControl(c));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void MarkdownTextEscapesEveryMarkupCharacter(string value)
    {
        var text = TextEscaping.Markdown(value);

        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        foreach (var special in "`*_[]()|")
        {
            for (var i = text.IndexOf(special, StringComparison.Ordinal); i >= 0; i = text.IndexOf(special, i + 1))
            {
                Assert.Equal('\\', text[i - 1]);
            }
        }

        Assert.DoesNotContain(text, c => char.IsControl(c));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void EmailSubjectIsOnePrintableAsciiLineOfAtMost100Characters(string value)
    {
        var subject = TextEscaping.EmailSubject(value);

        Assert.True(subject.Length <= 100);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void CodeBlockTextCannotCloseItsFence(string value)
    {
        var text = TextEscaping.CodeBlock(value);
        var fence = TextEscaping.CodeFence(text);

        // CommonMark: only a backtick run at least as long as the opening fence closes it.
        Assert.True(fence.Length >= 3 && TextEscaping.LongestRun(text, '`') < fence.Length, $"fence {fence} for {text}");
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
    }

    [Theory]
    [InlineData("back`tick```fence")]
    [InlineData("```starts\n````` ~~~ ~~~~")]
    [InlineData("quote\"s [link](http://x) <!channel> | *b*")]
    public void CodeBlockKeepsEveryVisibleCharacterAsItIs(string value)
    {
        Assert.Equal(value, TextEscaping.CodeBlock(value));
    }
}
