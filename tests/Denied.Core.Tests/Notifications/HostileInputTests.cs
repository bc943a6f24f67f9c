using System.Text.Json;
using Denied.Notifications;

namespace Denied.Core.Tests.Notifications;

/// <summary>Attacker-controlled CloudTrail text through every notification format.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, string> Hostile => new()
    {
        { "nul", "fn\0name" },
        { "newlines", "line1\nline2\rline3" },
        { "quotes", "\"quoted\" 'single'" },
        { "backticks", "`code` ```fence``` ~~~" },
        { "here mention", "<@here> @here @channel @everyone" },
        { "channel mention", "<!channel> <!subteam^S1>" },
        { "markdown link", "[link](http://x)" },
        { "slack link", "<http://x|y>" },
        { "ansi", "\u001b[31mred\u001b[0m" },
        { "pipe", "a|b||c" },
        { "long", new string('A', 10_240) },
        { "emoji", "🔥💥🚨" },
        { "long emoji", string.Concat(Enumerable.Repeat("🔥", 5_120)) },
        { "header injection", "orders\r\nBcc: x@y" },
        { "bidi", "abc\u202Eevil\u200Bzero" },
        { "markup", "*bold* _it_ ~strike~ &amp; <b>x</b>" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void EveryFormatNeutralisesHostileText(string name, string evil)
    {
        var diagnosis = SomeFinding.Diagnosis(function: evil, resource: "arn:aws:s3:::b/" + evil, errorMessage: evil, sessionName: evil);
        var notification = new Notification("new", SomeFinding.Of(diagnosis));

        var rendered = NotificationRenderer.Render(notification);

        AssertSubject(rendered.Subject, name);
        AssertEmail(EmailRenderer.Body(notification), name);
        AssertChat(ChatbotRenderer.Render(notification), name);
        AssertEnvelope(rendered, notification, name);
        foreach (var (key, value) in rendered.Attributes)
        {
            Assert.False(value.Any(char.IsControl), $"{name}: attribute {key} has a control character");
            Assert.True(value.Length is > 0 and <= NotificationAttributes.MaxValueLength + 8, $"{name}: attribute {key} length {value.Length}");
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void TheDecidingStatementsPolicyNameAndSidAreNeutralisedInEveryFormat(string name, string evil)
    {
        var notification = new Notification("new", SomeFinding.Of(SomeFinding.Evaluated(SomeFinding.Diagnosis(), policyName: evil, sid: evil)));

        var rendered = NotificationRenderer.Render(notification);

        AssertEmail(EmailRenderer.Body(notification), name);
        AssertChat(ChatbotRenderer.Render(notification), name);
        AssertEnvelope(rendered, notification, name);
    }

    private static void AssertSubject(string subject, string name)
    {
        Assert.True(subject.Length <= EmailRenderer.MaxSubjectLength, $"{name}: subject is {subject.Length} characters");
        Assert.True(subject.All(c => c is >= ' ' and <= '~'), $"{name}: subject has a non-printable or non-ASCII character");
        Assert.Contains("cannot s3:GetObject", subject, StringComparison.Ordinal);
    }

    private static void AssertEmail(string body, string name)
    {
        Assert.False(body.Any(c => char.IsControl(c) && c != '\n'), $"{name}: email body has a control character");
        Assert.DoesNotContain("\nBcc:", body, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', body);
    }

    private static void AssertChat(string json, string name)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal("custom", root.GetProperty("source").GetString());
        var description = root.GetProperty("content").GetProperty("description").GetString()!;
        Assert.True(description.Length <= ChatbotRenderer.MaxDescription + 200, $"{name}: description is {description.Length} characters");
        // Slack ends a code block at the next three backticks wherever they stand: only our one block may hold them.
        Assert.True(description.Split("```").Length is 1 or 3, $"{name}: the description has a code block that a value opened or closed");
        foreach (var text in Strings(root))
        {
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("](", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\0', text);
            Assert.False(text.Contains("@here", StringComparison.OrdinalIgnoreCase) || text.Contains("@channel", StringComparison.OrdinalIgnoreCase),
                $"{name}: a broadcast mention survived in '{text[..Math.Min(text.Length, 80)]}'");
        }
    }

    private static void AssertEnvelope(RenderedNotification rendered, Notification notification, string name)
    {
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(rendered.Message) <= NotificationRenderer.MaxMessageBytes, $"{name}: message over budget");
        using var envelope = JsonDocument.Parse(rendered.Message);
        using var structured = JsonDocument.Parse(envelope.RootElement.GetProperty("sqs").GetString()!);
        Assert.Equal("denied.finding", structured.RootElement.GetProperty("type").GetString());
        Assert.Equal(notification.Finding.Id, structured.RootElement.GetProperty("finding").GetProperty("findingId").GetString());
        using var chat = JsonDocument.Parse(envelope.RootElement.GetProperty("default").GetString()!);
        Assert.Equal("custom", chat.RootElement.GetProperty("source").GetString());
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
