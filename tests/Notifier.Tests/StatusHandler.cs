using System.Net;

namespace Notifier.Tests;

/// <summary>An HTTP handler that answers every request with one status and a query-protocol error body.</summary>
internal sealed class StatusHandler(HttpStatusCode status) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        return Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent("<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>"),
        });
    }
}
