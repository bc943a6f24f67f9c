using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier;
using Reliability.Tests.Support;

namespace Reliability.Tests.Fuzz;

/// <summary>
/// Drives the Notifier's handler with one-record stream batches whose record (keys, images, sequence number) is
/// fuzzed. Contract: the handler returns, naming the record's sequence number when it failed, or rejects the
/// event with an error naming the record (no sequence number to report, or not JSON); nothing else escapes;
/// every published message has a one-line subject of at most 100 characters and a JSON body.
/// </summary>
public sealed class NotifierFuzzTarget(DetectorRig rig, IAmazonDynamoDB dynamo, FuzzTally tally)
{
    private readonly RecordingPublisher _sns = new();
    private int _runs;

    public async Task RunAsync(FuzzInput input)
    {
        var output = new StringWriter();
        var log = new JsonLog(output, "denied-notifier");
        var metrics = new EmfMetrics(output, "Denied", "denied-notifier", rig.Clock);
        var processor = new StreamRecordProcessor(rig.Store(dynamo), _sns, "arn:aws:sns:us-east-1:123456789012:denied-findings", [100, 1000], log, metrics);
        var handler = new NotifierHandler(processor, log, metrics, rig.Clock);
        // One event in fifty has a damaged envelope instead: no Records array, or a null record.
        byte[] body = ++_runs % 50 == 0 ? "{\"Records\":null}"u8.ToArray()
            : _runs % 50 == 25 ? "{\"Records\":[null]}"u8.ToArray()
            : [.. "{\"Records\":["u8, .. input.Bytes, .. "]}"u8];
        var published = _sns.Published.Count;
        byte[] response;
        try
        {
            response = await handler.HandleAsync(body, rig.Invocation(), CancellationToken.None);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            tally.Count("notifier", "rejected-with-error");
            return;
        }
        catch (Exception e)
        {
            tally.Violation("notifier", input, "unhandled " + e.GetType().Name + ": " + e.Message);
            return;
        }

        if (RecordCount(body) == 0)
        {
            // An input cut to nothing leaves "Records":[]: no record, so nothing to report a reason for.
            tally.Count("notifier", "empty-batch");
            return;
        }

        using var doc = JsonDocument.Parse(response);
        var failed = doc.RootElement.GetProperty("batchItemFailures").GetArrayLength() > 0;
        foreach (var message in _sns.Published.Skip(published))
        {
            if (message.Subject is not { Length: > 0 and <= 100 } subject || subject.Any(char.IsControl) || !IsJson(message.Message))
            {
                tally.Violation("notifier", input, "a published message with a bad subject or body");
            }
        }

        var outcome = failed ? "failed-with-sequence-number" : _sns.Published.Count > published ? "published" : "skipped-with-a-reason";
        tally.Count("notifier", outcome);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Any(l => !IsJson(l)))
        {
            tally.Violation("notifier", input, "a log line is not JSON");
        }
        else if (!failed && _sns.Published.Count == published && !lines.Any(HasReason))
        {
            // "Ignored with a reason": a record that published nothing and did not fail says why in the log.
            tally.Violation("notifier", input, "a record skipped without a logged reason");
        }
    }

    private static int RecordCount(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("Records").GetArrayLength();
    }

    private static bool HasReason(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty(NotifierLogKeys.Reason, out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString()!.Length > 0;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
