using Denied.Findings;

namespace Denied.Notifications;

/// <summary>
/// One notification to send: a finding after a state change, and the name of that change
/// (<see cref="NotificationTransition"/>). The pair (finding id, transition) is the notification's identity:
/// the store's notification marker for it makes sure it is published at most once as "sent".
/// </summary>
public sealed record Notification(string Transition, Finding Finding);
