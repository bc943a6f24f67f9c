using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cli.Tests.Support;

/// <summary>
/// A JSON 1.1 endpoint on 127.0.0.1 that answers each operation (the X-Amz-Target after the dot) with a fixed reply,
/// and records the operations called, in order. For Athena states moto cannot produce (FAILED, a query that never ends).
/// </summary>
public sealed class ScriptedJsonServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _replies;
    private readonly Task _loop;

    public ScriptedJsonServer(Dictionary<string, string> replies)
    {
        _replies = replies;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public List<string> Operations { get; } = [];

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

            var target = context.Request.Headers["X-Amz-Target"] ?? "";
            var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            lock (Operations)
            {
                Operations.Add(operation);
            }

            var found = _replies.TryGetValue(operation, out var reply);
            var bytes = Encoding.UTF8.GetBytes(found ? reply! : """{"__type":"UnknownOperationException"}""");
            context.Response.StatusCode = found ? 200 : 400;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
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

        await _loop;
    }
}
