using Amazon.Runtime;

namespace Denied.TestSupport;

/// <summary>
/// Sends the tests' DynamoDB requests to moto one at a time. moto 5.2 applies a TransactWriteItems item by
/// item without a lock (and rolls back by restoring a copy of the whole table), so two concurrent requests
/// can interleave inside one transaction, which DynamoDB never does: each DynamoDB request is atomic.
/// Serialising whole requests restores that guarantee while the requests of concurrent writers still
/// interleave in any order, which is what the concurrency tests exercise.
/// </summary>
public sealed class OneRequestAtATime : HttpClientFactory
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new GateHandler(new SocketsHttpHandler()));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class GateHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
