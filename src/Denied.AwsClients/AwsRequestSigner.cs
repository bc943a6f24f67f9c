using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Denied.AwsClients;

/// <summary>
/// Turns an <see cref="AwsRequest"/> into a SigV4-signed <see cref="HttpRequestMessage"/> with AWSSDK.Core's
/// <see cref="AWS4Signer"/> at a given instant. The signer adds and signs host, X-Amz-Date and
/// X-Amz-Content-SHA256 plus every header present (Content-Type, X-Amz-Security-Token). The message sent
/// carries exactly those headers and the same URL and body that were signed; the tests hand that captured
/// message to botocore and compare the Authorization headers.
/// </summary>
internal sealed class AwsRequestSigner(string region, string service)
{
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private const string ContentTypeHeader = "Content-Type";

    private readonly AwsSigningConfig _config = new(region, service);
    private readonly AWS4Signer _signer = new();

    public string Service => service;

    public HttpRequestMessage Sign(AwsRequest request, ImmutableCredentials credentials, DateTimeOffset signedAt)
    {
        var sdkRequest = new DefaultRequest(new UnsignedOperation(), service)
        {
            HttpMethod = request.Method.Method,
            Endpoint = request.Endpoint,
            ResourcePath = request.ResourcePath,
            UseQueryString = request.Query.Count > 0,
        };
        foreach (var (key, value) in request.Query)
        {
            sdkRequest.Parameters.Add(key, value);
        }

        if (request.ContentType is not null)
        {
            sdkRequest.Headers[ContentTypeHeader] = request.ContentType;
        }

        foreach (var (name, value) in request.Headers ?? [])
        {
            sdkRequest.Headers[name] = value;
        }

        if (credentials.UseToken)
        {
            // SignRequest with explicit keys does not add the token; added here it is signed like any header.
            sdkRequest.Headers[SecurityTokenHeader] = credentials.Token;
        }

        if (request.Body.Length > 0)
        {
            sdkRequest.Content = request.Body;
        }

        var result = _signer.SignRequest(
            sdkRequest, _config, metrics: null, credentials.AccessKey, credentials.SecretKey, signedAt.UtcDateTime);

        var message = new HttpRequestMessage(request.Method, RequestUri(request));
        if (request.Body.Length > 0 || request.Method == HttpMethod.Post)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in sdkRequest.Headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpClient writes Host from the URI: the same host[:port] the signer used.
            }

            if (name.Equals(ContentTypeHeader, StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.TryAddWithoutValidation(name, value);
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
        return message;
    }

    private static Uri RequestUri(AwsRequest request)
    {
        var root = request.Endpoint.GetLeftPart(UriPartial.Authority);
        var query = request.Query.Count > 0 ? "?" + FormEncoding.Encode(request.Query) : string.Empty;
        return new Uri(root + request.ResourcePath + query);
    }
}
