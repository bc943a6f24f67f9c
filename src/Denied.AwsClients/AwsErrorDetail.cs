namespace Denied.AwsClients;

/// <summary>The service's error code (<c>AuthorizationError</c>, <c>Throttling</c>) and message, when the body had them.</summary>
internal sealed record AwsErrorDetail(string? Code, string? Message);
