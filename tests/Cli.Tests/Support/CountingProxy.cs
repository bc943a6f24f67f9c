using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cli.Tests.Support;

/// <summary>
/// A loopback HTTP proxy in front of moto that forwards every request unchanged and records which operation it was:
/// X-Amz-Target's operation (KMS, DynamoDB, Organizations), the query protocol's Action (IAM), else the method and
/// path (S3's REST calls: "GET /bucket?policy"). Clients reach it through --endpoint-url.
/// </summary>
public sealed class CountingProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _target = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _targetRoot;
    private readonly List<string> _operations = [];

    public CountingProxy(string targetUrl)
    {
        _targetRoot = new Uri(targetUrl.TrimEnd('/') + "/");
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    /// <summary>Every operation forwarded so far, in arrival order.</summary>
    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (_operations)
            {
                return [.. _operations];
            }
        }
    }

    public int Count(string operation) => Operations.Count(o => o == operation);

    private async Task AcceptAsync()
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

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        lock (_operations)
        {
            _operations.Add(OperationOf(request, body.ToArray()));
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_targetRoot, request.RawUrl!.TrimStart('/')))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            if (name is "Host" or "Content-Length" or "Connection" or "Expect" or "Transfer-Encoding")
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, request.Headers[name]))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, request.Headers[name]);
            }
        }

        using var answer = await _target.SendAsync(forward);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (header.Key is not ("Content-Length" or "Transfer-Encoding" or "Connection" or "Server" or "Date"))
            {
                context.Response.Headers[header.Key] = string.Join(",", header.Value);
            }
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static string OperationOf(HttpListenerRequest request, byte[] body)
    {
        if (request.Headers["X-Amz-Target"] is { } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        var action = Encoding.UTF8.GetString(body).Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        return action?["Action=".Length..] ?? $"{request.HttpMethod} {request.RawUrl}";
    }

    public void Dispose()
    {
        _listener.Close();
        _target.Dispose();
    }
}
