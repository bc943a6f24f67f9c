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
    };

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

        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.DoesNotContain("~~~", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
    }
}
