using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cli.Tests.Support;

/// <summary>
/// A CloudTrail LookupEvents endpoint on 127.0.0.1 (moto does not implement LookupEvents): serves the given records as
/// documented reply pages (<c>{"Events":[{"EventId",…,"CloudTrailEvent":"…"}],"NextToken":"…"}</c>, 50 events a page,
/// NextToken "page-N"), records every request's headers and body, answers the requests listed in
/// <see cref="ThrottleRequests"/> with a ThrottlingException, and refuses the token in <see cref="RefusedToken"/> with
/// InvalidNextTokenException, as the service does for a token it no longer accepts.
/// </summary>
public sealed class LookupEventsServer : IAsyncDisposable
{
    private const int PageSize = 50;
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<string> _records;
    private readonly Task _loop;

    public LookupEventsServer(IReadOnlyList<string> records)
    {
        _records = records;
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>1-based request numbers answered with HTTP 400 ThrottlingException.</summary>
    public HashSet<int> ThrottleRequests { get; } = [];

    public string? RefusedToken { get; set; }

    public List<(Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            int number;
            lock (Requests)
            {
                Requests.Add((headers, body));
                number = Requests.Count;
            }

            var (status, reply) = Answer(number, body);
            var bytes = Encoding.UTF8.GetBytes(reply);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(int number, string body)
    {
        if (ThrottleRequests.Contains(number))
        {
            return (400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        }

        var token = JsonNode.Parse(body)?["NextToken"]?.GetValue<string>();
        if (token is not null && token == RefusedToken)
        {
            return (400, """{"__type":"InvalidNextTokenException","Message":"Invalid NextToken"}""");
        }

        var page = token is null ? 0 : int.Parse(token["page-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var events = new JsonArray();
        foreach (var record in _records.Skip(page * PageSize).Take(PageSize))
        {
            var id = JsonNode.Parse(record)?["eventID"]?.GetValue<string>() ?? "";
            events.Add((JsonNode)new JsonObject { ["EventId"] = id, ["CloudTrailEvent"] = record });
        }

        var reply = new JsonObject { ["Events"] = events };
        if ((page + 1) * PageSize < _records.Count)
        {
            reply["NextToken"] = $"page-{page + 1}";
        }

        return (200, reply.ToJsonString());
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>For assertions on a recorded body.</summary>
    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
