using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Denied.LambdaRuntime.Tests;

/// <summary>
/// A loopback Lambda Runtime API (HttpListener on 127.0.0.1, free port): <c>/next</c> serves queued events
/// with the Lambda-Runtime-* headers (and blocks while the queue is empty), <c>/response</c>, <c>/error</c> and
/// <c>/init/error</c> answer 202 unless a status is scripted, and every request is recorded.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serve;

    public FakeRuntimeApi()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value Lambda would put in AWS_LAMBDA_RUNTIME_API.</summary>
    public string HostAndPort => $"127.0.0.1:{Port}";

    /// <summary>Status answered to <c>/response</c> posts; 202 by default.</summary>
    public HttpStatusCode ResponseStatus { get; set; } = HttpStatusCode.Accepted;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Enqueue(QueuedEvent e) => _events.Writer.TryWrite(e);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: the managed HttpListener's Close after Stop removes the prefixes a second time, re-binding the
        // port to do so, which fails with "Address already in use" once another test has taken the freed port.
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }

        try
        {
            await _serve;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var path = request.Url!.AbsolutePath;
        _requests.Enqueue(new RecordedRequest(request.HttpMethod, path, headers, body.ToArray()));

        var response = context.Response;
        try
        {
            if (path.EndsWith("/invocation/next", StringComparison.Ordinal))
            {
                var e = await _events.Reader.ReadAsync(_stop.Token);
                response.StatusCode = 200;
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = e.RequestId;
                if (e.DeadlineHeader is not null)
                {
                    response.Headers["Lambda-Runtime-Deadline-Ms"] = e.DeadlineHeader;
                }

                if (e.FunctionArn is not null)
                {
                    response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = e.FunctionArn;
                }

                if (e.TraceId is not null)
                {
                    response.Headers["Lambda-Runtime-Trace-Id"] = e.TraceId;
                }

                var bytes = System.Text.Encoding.UTF8.GetBytes(e.Body);
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                response.StatusCode = path.EndsWith("/response", StringComparison.Ordinal) ? (int)ResponseStatus : 202;
            }

            response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            response.Abort();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
