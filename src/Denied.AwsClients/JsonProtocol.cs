namespace Denied.AwsClients;

/// <summary>
/// The AWS JSON 1.1 protocol (CloudTrail, Athena): <c>POST /</c> with a JSON body, the operation named by the
/// <c>X-Amz-Target</c> header (<c>{target prefix}.{operation}</c>), content type <c>application/x-amz-json-1.1</c>;
/// errors carry <c>__type</c> (<c>…#ThrottlingException</c>) and <c>message</c>, read by <see cref="RestJsonErrors"/>.
/// </summary>
internal static class JsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static AwsRequest Build(Uri endpoint, string targetPrefix, string operation, byte[] body, string? resourceArn = null) =>
        new(HttpMethod.Post, endpoint, "/", [], ContentType, body, operation, resourceArn, [new("X-Amz-Target", targetPrefix + "." + operation)]);
}
