namespace Denied.AwsClients.Tests;

/// <summary>A request as the client handed it to the HTTP stack: method, absolute URL, headers (request and content), body bytes.</summary>
public sealed record CapturedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
