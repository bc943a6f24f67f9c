using System.Text;
using System.Text.Json;
using Denied.Notifications;

namespace Denied.Core.Tests.Notifications;

public sealed class SizeBudgetTests
{
    [Fact]
    public void AFindingThatWouldOverflowSnsFallsBackToAShorterFormThatFits()
    {
        var huge = string.Concat(Enumerable.Repeat("🔥<\"", 20_000));
        var notification = new Notification("new", SomeFinding.Of(SomeFinding.Diagnosis(function: huge, resource: "arn:aws:s3:::b/" + huge, errorMessage: huge)));

        var rendered = NotificationRenderer.Render(notification);

        Assert.True(rendered.Truncated);
        Assert.True(Encoding.UTF8.GetByteCount(rendered.Message) <= NotificationRenderer.MaxMessageBytes);
        using var envelope = JsonDocument.Parse(rendered.Message);
        using var structured = JsonDocument.Parse(envelope.RootElement.GetProperty("lambda").GetString()!);
        Assert.True(structured.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(notification.Finding.Id, structured.RootElement.GetProperty("finding").GetProperty("findingId").GetString());
    }

    [Fact]
    public void ATightBudgetUsesTheCompactFindingBeforeTheMinimalOne()
    {
        var notification = new Notification("new", SomeFinding.Of(SomeFinding.Diagnosis(errorMessage: new string('x', 2_000))));
        var fullSize = Encoding.UTF8.GetByteCount(NotificationRenderer.Render(notification).Message);

        var rendered = NotificationRenderer.Render(notification, fullSize - 1);

        Assert.True(rendered.Truncated);
        using var envelope = JsonDocument.Parse(rendered.Message);
        using var structured = JsonDocument.Parse(envelope.RootElement.GetProperty("sqs").GetString()!);
        var finding = structured.RootElement.GetProperty("finding");
        Assert.True(finding.TryGetProperty("fix", out var fix), "the compact form keeps the fix");
        Assert.Empty(fix.GetProperty("snippets").EnumerateObject());
        Assert.True(finding.GetProperty("errorMessage").GetString()!.Length <= 512);
    }
}
