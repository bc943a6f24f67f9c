using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Denied.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on a free port) that answers each request with the next scripted
/// reply and records the method, path and query, and headers it received: the stand-in for a service no local
/// emulator has (the IAM Access Troubleshooter). Replies past the script are 500s.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string Body, string? ErrorType)> _script = new();
    private readonly List<(string Method, string PathAndQuery, string? Authorization)> _requests = [];
    private readonly Task _loop;

    public LoopbackServer()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<(string Method, string PathAndQuery, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues a reply; <paramref name="errorType"/> goes in X-Amzn-ErrorType as REST-JSON services send it.</summary>
    public LoopbackServer Reply(int status, string body, string? errorType = null)
    {
        lock (_script)
        {
            _script.Enqueue((status, body, errorType));
        }

        return this;
    }

    public void Dispose()
    {
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
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (_requests)
            {
                _requests.Add((context.Request.HttpMethod, context.Request.RawUrl ?? string.Empty, context.Request.Headers["Authorization"]));
            }

            (int Status, string Body, string? ErrorType) reply;
            lock (_script)
            {
                reply = _script.Count > 0 ? _script.Dequeue() : (500, """{"message":"script exhausted"}""", "InternalServerException");
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            if (reply.ErrorType is not null)
            {
                context.Response.Headers["X-Amzn-ErrorType"] = reply.ErrorType;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
