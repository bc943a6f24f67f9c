namespace Denied.Notifications;

/// <summary>
/// One notification ready for one SNS Publish with MessageStructure=json.
/// </summary>
/// <param name="Subject">The email Subject: printable ASCII, one line, at most 100 characters.</param>
/// <param name="Message">The <see cref="SnsEnvelope"/> JSON object (per-protocol messages), at most <see cref="NotificationRenderer.MaxMessageBytes"/> UTF-8 bytes.</param>
/// <param name="Attributes">The String message attributes (<see cref="NotificationAttributes"/>).</param>
/// <param name="Truncated">True when the record was so large that a shorter form of the email and structured payload was sent.</param>
public sealed record RenderedNotification(string Subject, string Message, IReadOnlyDictionary<string, string> Attributes, bool Truncated);
