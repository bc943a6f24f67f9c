using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Denied.AwsClients;

/// <summary>
/// CloudTrail LookupEvents over JSON 1.1 (<c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents</c>,
/// service <c>cloudtrail</c>): the swap point for AWSSDK.CloudTrail, which the registry here does not serve. Walks the
/// event history of one region page by page (50 events, the API's maximum) following NextToken. The API allows two
/// requests per second per account and Region (CloudTrail API Reference, LookupEvents), so requests start at least
/// 500 ms apart; a ThrottlingException is still retried with backoff per <see cref="AwsRetryPolicy"/>. Default endpoint
/// <c>https://cloudtrail.{region}.amazonaws.com/</c>; failures surface as <see cref="AwsServiceException"/> with
/// Operation <c>LookupEvents</c> (InvalidNextTokenException is not retried: a refused token cannot get better).
/// Tested (Denied.AwsClients.Tests): the captured request's bytes and its Authorization header against botocore's;
/// paging, pacing, throttling retries and a refused token over scripted pages.
/// </summary>
public sealed class CloudTrailLookupClient
{
    private const string Service = "cloudtrail";
    private const string Operation = "LookupEvents";
    private const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    private const int PageSize = 50;

    /// <summary>Two requests per second per account and Region.</summary>
    internal static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;
    private readonly TimeProvider _clock;
    private long? _lastRequest;

    public CloudTrailLookupClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clock = clock ?? TimeProvider.System;
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, _clock, retry);
    }

    /// <summary>How the pause between requests is waited out; tests record it instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Pause { get; init; } = static (delay, ct) => Task.Delay(delay, ct);

    /// <summary>Every page of the query, in the order the API returns them (newest events first).</summary>
    public async IAsyncEnumerable<LookupEventsPage> LookupAsync(LookupEventsQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var number = 0;
        do
        {
            await PaceAsync(ct).ConfigureAwait(false);
            var body = await _pipeline.SendAsync(BuildPage(_endpoint, query, token), RestJsonErrors.Read, ct).ConfigureAwait(false);
            var (events, next) = ReadPage(body);
            if (next is not null && !seenTokens.Add(next))
            {
                throw new AwsServiceException(Operation, null, 200, null, false, "NextToken repeated: pagination does not advance");
            }

            token = next;
            yield return new LookupEventsPage(++number, events, token is not null);
        }
        while (token is not null);
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        if (_lastRequest is { } last && _clock.GetElapsedTime(last) is var since && since < MinInterval)
        {
            await Pause(MinInterval - since, ct).ConfigureAwait(false);
        }

        _lastRequest = _clock.GetTimestamp();
    }

    /// <summary>The unsigned request: the window in epoch seconds (the JSON protocol's timestamp format), 50 per page.</summary>
    internal static AwsRequest BuildPage(Uri endpoint, LookupEventsQuery query, string? nextToken)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (query.StartTime is { } start)
            {
                w.WriteNumber("StartTime", start.ToUnixTimeSeconds());
            }

            if (query.EndTime is { } end)
            {
                w.WriteNumber("EndTime", end.ToUnixTimeSeconds());
            }

            if (query.Attribute is { } attribute)
            {
                w.WriteStartArray("LookupAttributes");
                w.WriteStartObject();
                w.WriteString("AttributeKey", attribute.Key);
                w.WriteString("AttributeValue", attribute.Value);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteNumber("MaxResults", PageSize);
            if (nextToken is not null)
            {
                w.WriteString("NextToken", nextToken);
            }

            w.WriteEndObject();
        }

        return JsonProtocol.Build(endpoint, TargetPrefix, Operation, buffer.ToArray());
    }

    /// <summary>The page's CloudTrailEvent strings (null for an event that lacks one) and its NextToken (null on the last page).</summary>
    internal static (IReadOnlyList<string?> Events, string? NextToken) ReadPage(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("the reply is not a JSON object");
            }

            var events = new List<string?>();
            if (root.TryGetProperty("Events", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in list.EnumerateArray())
                {
                    // An event without its record stays in the list as null: the caller reports it instead of losing it.
                    events.Add(e.ValueKind == JsonValueKind.Object && e.TryGetProperty("CloudTrailEvent", out var record) && record.ValueKind == JsonValueKind.String
                        ? record.GetString()
                        : null);
                }
            }

            var next = root.TryGetProperty("NextToken", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;
            return (events, next);
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(Operation, null, 200, null, false, "unreadable reply: " + ex.Message, ex);
        }
    }
}
