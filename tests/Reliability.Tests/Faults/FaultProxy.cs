using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reliability.Tests.Faults;

/// <summary>The faults the proxy injects. "AfterForward" ones reach the server first: the write happened, the answer is lost.</summary>
public enum FaultKind { ProvisionedThroughputExceeded, Throttling, ServerError, ResetBeforeForward, ResetAfterForward, Slow }

/// <summary>
/// A loopback HTTP proxy between the functions and moto that injects, at a set rate and from a fixed seed,
/// DynamoDB throttling (400 ProvisionedThroughputExceededException / ThrottlingException; SNS's query-protocol
/// Throttling), 500s, connection resets before or after the request reached moto, and slow answers. Clients reach
/// it through ServiceURL (AWS SDK) or the endpoint override (hand-written SnsClient).
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _target = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _targetRoot;
    private readonly Random _random;
    private readonly FaultKind[] _kinds;
    private readonly Dictionary<FaultKind, int> _injected = [];
    private int _requests;

    public FaultProxy(string targetUrl, double rate, int seed, params FaultKind[] kinds)
    {
        _targetRoot = new Uri(targetUrl.TrimEnd('/') + "/");
        Rate = rate;
        _random = new Random(seed);
        _kinds = kinds.Length > 0 ? kinds : Enum.GetValues<FaultKind>();
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    /// <summary>The share of requests that get a fault; 0 passes everything through.</summary>
    public double Rate { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int Injected { get { lock (_injected) { return _injected.Values.Sum(); } } }

    public string Breakdown() { lock (_injected) { return string.Join(", ", _injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")); } }

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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        FaultKind? fault;
        lock (_random)
        {
            fault = _random.NextDouble() < Rate ? _kinds[_random.Next(_kinds.Length)] : null;
        }

        if (fault is { } kind)
        {
            lock (_injected)
            {
                _injected[kind] = _injected.GetValueOrDefault(kind) + 1;
            }
        }

        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var json = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        switch (fault)
        {
            case FaultKind.ResetBeforeForward:
                context.Response.Abort();
                return;
            case FaultKind.ProvisionedThroughputExceeded or FaultKind.Throttling or FaultKind.ServerError:
                await ErrorAsync(context.Response, fault.Value, json);
                return;
            case FaultKind.Slow:
                await Task.Delay(400);
                break;
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
        if (fault == FaultKind.ResetAfterForward)
        {
            context.Response.Abort();
            return;
        }

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

    private static async Task ErrorAsync(HttpListenerResponse response, FaultKind kind, bool json)
    {
        var (status, code) = kind switch
        {
            FaultKind.ProvisionedThroughputExceeded => (400, json ? "ProvisionedThroughputExceededException" : "Throttling"),
            FaultKind.Throttling => (400, json ? "ThrottlingException" : "Throttling"),
            _ => (500, json ? "InternalServerError" : "InternalFailure"),
        };
        var text = json
            ? $"{{\"__type\":\"com.amazonaws.dynamodb.v20120810#{code}\",\"message\":\"injected {code}\"}}"
            : $"<ErrorResponse><Error><Type>{(status == 500 ? "Receiver" : "Sender")}</Type><Code>{code}</Code><Message>injected {code}</Message></Error><RequestId>fault</RequestId></ErrorResponse>";
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = json ? "application/x-amz-json-1.0" : "text/xml";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _target.Dispose();
    }
}
