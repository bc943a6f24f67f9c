using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Denied.AwsClients;

/// <summary>
/// Amazon Athena's StartQueryExecution, GetQueryExecution, GetQueryResults (paged by NextToken, 1,000 rows a page, the
/// API's maximum) and StopQueryExecution over JSON 1.1 (<c>X-Amz-Target: AmazonAthena.{operation}</c>, service
/// <c>athena</c>): the swap point for AWSSDK.Athena, which the registry here does not serve. Default endpoint
/// <c>https://athena.{region}.amazonaws.com/</c>; retries and errors as in <see cref="SnsClient"/>, named by operation
/// and query execution id.
/// Tested (Denied.AwsClients.Tests): each operation's captured bytes and Authorization header against botocore's;
/// paging, the header row and NULL cells over scripted pages; a query run, waited for and read back from moto.
/// </summary>
public sealed class AthenaClient
{
    private const string Service = "athena";
    private const string TargetPrefix = "AmazonAthena";
    private const int ResultPageSize = 1000;

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;
    private readonly TimeProvider _clock;

    public AthenaClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clock = clock ?? TimeProvider.System;
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, _clock, retry);
    }

    /// <summary>How the wait between status polls is spent; tests record it instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Pause { get; init; } = static (delay, ct) => Task.Delay(delay, ct);

    /// <summary>Starts the query and returns its QueryExecutionId.</summary>
    public async Task<string> StartQueryAsync(AthenaQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = await SendAsync(BuildStart(_endpoint, query), ct).ConfigureAwait(false);
        return Read(body, "StartQueryExecution", null, root => Text(root, "QueryExecutionId"))
            ?? throw new AwsServiceException("StartQueryExecution", null, 200, null, false, "the reply had no QueryExecutionId");
    }

    public async Task<AthenaQueryStatus> GetQueryAsync(string queryExecutionId, CancellationToken ct)
    {
        var body = await SendAsync(BuildIdOnly(_endpoint, "GetQueryExecution", queryExecutionId), ct).ConfigureAwait(false);
        return Read(body, "GetQueryExecution", queryExecutionId, root =>
        {
            var execution = Property(root, "QueryExecution");
            var status = Property(execution, "Status");
            var statistics = Property(execution, "Statistics");
            return Text(status, "State") is { } state
                ? new AthenaQueryStatus(state, Text(status, "StateChangeReason"), Number(statistics, "DataScannedInBytes"), Number(statistics, "EngineExecutionTimeInMillis"))
                : throw new JsonException("the reply had no QueryExecution.Status.State");
        });
    }

    /// <summary>
    /// Polls until the query finishes (every 250 ms at first, doubling to at most 5 s) or <paramref name="timeout"/>
    /// passes; a query still running then is stopped (StopQueryExecution), so it bills no further, and its last status
    /// is returned (not finished). The caller reads <see cref="AthenaQueryStatus.State"/>.
    /// </summary>
    public async Task<AthenaQueryStatus> WaitAsync(string queryExecutionId, TimeSpan timeout, CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var status = await GetQueryAsync(queryExecutionId, ct).ConfigureAwait(false);
            if (status.IsFinished)
            {
                return status;
            }

            var left = timeout - _clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                await StopQueryAsync(queryExecutionId, CancellationToken.None).ConfigureAwait(false);
                return status;
            }

            await Pause(pause < left ? pause : left, ct).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(5000, pause.TotalMilliseconds * 2));
        }
    }

    public async Task StopQueryAsync(string queryExecutionId, CancellationToken ct) =>
        await SendAsync(BuildIdOnly(_endpoint, "StopQueryExecution", queryExecutionId), ct).ConfigureAwait(false);

    /// <summary>
    /// Every result page. For a SELECT, Athena returns the column labels as the first row of the first page; that row is
    /// left out when it repeats the column names, so every row yielded is data.
    /// </summary>
    public async IAsyncEnumerable<AthenaResultPage> GetResultsAsync(string queryExecutionId, [EnumeratorCancellation] CancellationToken ct)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var number = 0;
        do
        {
            var body = await SendAsync(BuildResults(_endpoint, queryExecutionId, token), ct).ConfigureAwait(false);
            var (page, next) = ReadResults(body, queryExecutionId, ++number);
            if (next is not null && !seenTokens.Add(next))
            {
                throw new AwsServiceException("GetQueryResults", queryExecutionId, 200, null, false, "NextToken repeated: pagination does not advance");
            }

            token = next;
            yield return page;
        }
        while (token is not null);
    }

    private Task<byte[]> SendAsync(AwsRequest request, CancellationToken ct) => _pipeline.SendAsync(request, RestJsonErrors.Read, ct);

    internal static AwsRequest BuildStart(Uri endpoint, AthenaQuery query) =>
        JsonProtocol.Build(endpoint, TargetPrefix, "StartQueryExecution", Json(w =>
        {
            w.WriteString("QueryString", query.Sql);
            if (query.Database is not null)
            {
                w.WriteStartObject("QueryExecutionContext");
                w.WriteString("Database", query.Database);
                w.WriteEndObject();
            }

            if (query.OutputLocation is not null)
            {
                w.WriteStartObject("ResultConfiguration");
                w.WriteString("OutputLocation", query.OutputLocation);
                w.WriteEndObject();
            }

            if (query.WorkGroup is not null)
            {
                w.WriteString("WorkGroup", query.WorkGroup);
            }
        }));

    internal static AwsRequest BuildIdOnly(Uri endpoint, string operation, string queryExecutionId) =>
        JsonProtocol.Build(endpoint, TargetPrefix, operation, Json(w => w.WriteString("QueryExecutionId", queryExecutionId)), queryExecutionId);

    internal static AwsRequest BuildResults(Uri endpoint, string queryExecutionId, string? nextToken) =>
        JsonProtocol.Build(endpoint, TargetPrefix, "GetQueryResults", Json(w =>
        {
            w.WriteString("QueryExecutionId", queryExecutionId);
            w.WriteNumber("MaxResults", ResultPageSize);
            if (nextToken is not null)
            {
                w.WriteString("NextToken", nextToken);
            }
        }), queryExecutionId);

    internal static (AthenaResultPage Page, string? NextToken) ReadResults(byte[] body, string queryExecutionId, int number) =>
        Read(body, "GetQueryResults", queryExecutionId, root =>
        {
            var resultSet = Property(root, "ResultSet");
            var columns = new List<string>();
            if (Property(Property(resultSet, "ResultSetMetadata"), "ColumnInfo") is { ValueKind: JsonValueKind.Array } info)
            {
                columns.AddRange(info.EnumerateArray().Select(c => Text(c, "Name") ?? Text(c, "Label") ?? string.Empty));
            }

            var rows = new List<IReadOnlyList<string?>>();
            if (Property(resultSet, "Rows") is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var row in list.EnumerateArray())
                {
                    var cells = Property(row, "Data") is { ValueKind: JsonValueKind.Array } data
                        ? data.EnumerateArray().Select(d => Text(d, "VarCharValue")).ToList()
                        : [];
                    rows.Add(cells);
                }
            }

            if (number == 1 && rows.Count > 0 && columns.Count > 0 && rows[0].SequenceEqual(columns, StringComparer.Ordinal))
            {
                rows.RemoveAt(0);
            }

            return (new AthenaResultPage(number, columns, rows), Text(root, "NextToken") is { Length: > 0 } next ? next : null);
        });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static T Read<T>(byte[] body, string operation, string? id, Func<JsonElement, T> read)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object ? read(json.RootElement) : throw new JsonException("the reply is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(operation, id, 200, null, false, "unreadable reply: " + ex.Message, ex);
        }
    }

    private static JsonElement Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    private static string? Text(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static long? Number(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;
}
