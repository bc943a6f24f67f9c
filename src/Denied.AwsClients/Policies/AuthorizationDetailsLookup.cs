namespace Denied.AwsClients.Policies;

/// <summary>
/// The outcome of looking an authorization ID up: the details, or none when every attempt answered
/// ResourceNotFoundException (records are written asynchronously and kept "for at least 24 hours after the denial":
/// too early, too late, another region, or another account or organization). <see cref="Attempts"/> counts the calls.
/// </summary>
public sealed record AuthorizationDetailsLookup(AuthorizationDetails? Details, int Attempts, string? NotAvailableReason);
