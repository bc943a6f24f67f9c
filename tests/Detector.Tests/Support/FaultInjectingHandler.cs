using System.Net;
using System.Text;
using Amazon.Runtime;

namespace Detector.Tests.Support;

/// <summary>
/// Sits between the SDK and moto and answers chosen DynamoDB requests with a 500 InternalServerError, as
/// DynamoDB does under stress: the request never reaches moto. <see cref="ShouldFail"/> sees the
/// X-Amz-Target operation and the JSON body.
/// </summary>
public sealed class FaultInjectingHandler(Func<string, string, bool> shouldFail) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _injected;

    public Func<string, string, bool> ShouldFail { get; } = shouldFail;

    /// <summary>How many requests were failed.</summary>
    public int Injected => _injected;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        var operation = target.Contains('.', StringComparison.Ordinal) ? target[(target.LastIndexOf('.') + 1)..] : target;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (ShouldFail(operation, body))
        {
            Interlocked.Increment(ref _injected);
            return new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                Content = new StringContent(
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"injected by the test\"}",
                    Encoding.UTF8, "application/x-amz-json-1.0"),
                RequestMessage = request,
            };
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Gives the SDK an HttpClient over a test's message handler (a <see cref="FaultInjectingHandler"/>, usually).</summary>
public sealed class FaultInjectingHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
