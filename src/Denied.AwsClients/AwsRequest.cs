namespace Denied.AwsClients;

/// <summary>
/// One unsigned call: method, service root, path, query pairs (sent and signed sorted, RFC 3986-encoded),
/// optional body with its content type, and what to name in errors (operation, resource ARN).
/// <paramref name="Headers"/> are extra headers, sent and signed (JSON 1.1's <c>X-Amz-Target</c>).
/// </summary>
internal sealed record AwsRequest(
    HttpMethod Method,
    Uri Endpoint,
    string ResourcePath,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string? ContentType,
    byte[] Body,
    string Operation,
    string? ResourceArn,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
