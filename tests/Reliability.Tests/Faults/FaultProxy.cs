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
/// it through ServiceURL (AWS SDK) or the endpoint override (hand-written SnsClient). Each request is named by its
/// operation (DynamoDB's X-Amz-Target, the query protocol's Action), so a test can choose the kinds per operation
/// and count what each operation got.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _target = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _targetRoot;
    private readonly Random _random;
    private readonly FaultKind[] _kinds;
    private readonly Dictionary<(string Operation, FaultKind Kind), int> _injected = [];
    private readonly List<(string Operation, string Body)> _answersLost = [];
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

    /// <summary>
    /// The kinds an operation ("PutItem", "Publish", ...) may get; null (the default) gives every operation the
    /// constructor's kinds. An operation with no kinds is never faulted.
    /// </summary>
    public Func<string, IReadOnlyList<FaultKind>>? KindsFor { get; init; }

    public int Injected { get { lock (_injected) { return _injected.Values.Sum(); } } }

    /// <summary>Faults of this kind injected, on one operation or (null) on all.</summary>
    public int InjectedOf(FaultKind kind, string? operation = null)
    {
        lock (_injected)
        {
            return _injected.Where(p => p.Key.Kind == kind && (operation is null || p.Key.Operation == operation)).Sum(p => p.Value);
        }
    }

    /// <summary>The requests moto executed whose answer the proxy then dropped (ResetAfterForward), with their bodies.</summary>
    public IReadOnlyList<(string Operation, string Body)> AnswersLost { get { lock (_injected) { return _answersLost.ToList(); } } }

    public string Breakdown()
    {
        lock (_injected)
        {
            return string.Join(", ", _injected.GroupBy(p => p.Key.Kind).OrderBy(g => g.Key)
                .Select(g => $"{g.Key} {g.Sum(p => p.Value)} ({string.Join(" ", g.OrderBy(p => p.Key.Operation, StringComparer.Ordinal).Select(p => $"{p.Key.Operation} {p.Value}"))})"));
        }
    }

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
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var json = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var operation = OperationOf(request, body.ToArray());
        var kinds = KindsFor?.Invoke(operation) ?? _kinds;
        FaultKind? fault;
        lock (_random)
        {
            fault = _random.NextDouble() < Rate && kinds.Count > 0 ? kinds[_random.Next(kinds.Count)] : null;
        }

        if (fault is { } kind)
        {
            lock (_injected)
            {
                _injected[(operation, kind)] = _injected.GetValueOrDefault((operation, kind)) + 1;
                if (kind == FaultKind.ResetAfterForward)
                {
                    _answersLost.Add((operation, Encoding.UTF8.GetString(body.ToArray())));
                }
            }
        }
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

    /// <summary>"PutItem" from X-Amz-Target "DynamoDB_20120810.PutItem"; "Publish" from a query-protocol body "Action=Publish&amp;...".</summary>
    private static string OperationOf(HttpListenerRequest request, byte[] body)
    {
        if (request.Headers["X-Amz-Target"] is { } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        var action = Encoding.UTF8.GetString(body).Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        return action?["Action=".Length..] ?? "?";
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
