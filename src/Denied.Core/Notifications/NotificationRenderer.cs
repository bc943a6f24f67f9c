using System.Text;

namespace Denied.Notifications;

/// <summary>
/// Renders one notification into every format at once (email text, Q Developer chat JSON, structured JSON, the
/// SNS envelope, the subject and the message attributes), within a size budget. SNS takes at most 256 KB per
/// message; the envelope carries the chat JSON twice and the structured JSON four times, each escaped once
/// more as a JSON string, so a record full of hostile text could overflow it. The renderer tries three forms,
/// smallest last, and returns the first that fits <see cref="MaxMessageBytes"/>: the whole finding; a compact
/// finding (strings cut to 512 characters, snippets dropped); a brief email without the fix and a minimal
/// structured payload, which fits whatever the record holds.
/// </summary>
public static class NotificationRenderer
{
    /// <summary>The budget for the Message, well under SNS's 262,144 bytes to leave room for attributes and Subject.</summary>
    public const int MaxMessageBytes = 200_000;

    public static RenderedNotification Render(Notification notification, int maxMessageBytes = MaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var subject = EmailRenderer.Subject(notification);
        var attributes = NotificationAttributes.For(notification);
        var chat = ChatbotRenderer.Render(notification);

        var full = SnsEnvelope.Build(chat, EmailRenderer.Body(notification), StructuredRenderer.Render(notification));
        if (Fits(full, maxMessageBytes))
        {
            return new RenderedNotification(subject, full, attributes, Truncated: false);
        }

        var compact = notification with { Finding = CompactFinding.Of(notification.Finding, 512) };
        var smaller = SnsEnvelope.Build(chat, EmailRenderer.Body(compact), StructuredRenderer.Render(compact, truncated: true));
        if (Fits(smaller, maxMessageBytes))
        {
            return new RenderedNotification(subject, smaller, attributes, Truncated: true);
        }

        var brief = SnsEnvelope.Build(chat, EmailRenderer.Body(notification, brief: true), StructuredRenderer.RenderMinimal(notification));
        return new RenderedNotification(subject, brief, attributes, Truncated: true);
    }

    private static bool Fits(string message, int maxBytes) => Encoding.UTF8.GetByteCount(message) <= maxBytes;
}
