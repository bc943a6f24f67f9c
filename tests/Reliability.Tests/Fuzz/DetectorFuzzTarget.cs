using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Denied.Detector;
using Reliability.Tests.Support;

namespace Reliability.Tests.Fuzz;

/// <summary>
/// Drives the Detector's handler with SQS batches of fuzzed bodies (and, one batch in four, a damaged SQS event
/// around them). Contract: a well-formed SQS event never throws; with a working store and dead-letter queue no
/// message goes back to SQS (a poison message never loops); every message is counted as malformed (dead-lettered
/// with a reason), not a denial, or a denial; every log line is JSON.
/// </summary>
public sealed class DetectorFuzzTarget(DetectorRig rig, IAmazonDynamoDB dynamo, FuzzTally tally, int seed)
{
    private readonly Random _random = new(seed);
    private int _batches;

    public async Task RunAsync(IReadOnlyList<FuzzInput> inputs)
    {
        var batchNo = _batches++;
        var messages = inputs.Select((input, i) => ($"m-{batchNo}-{i}", Encoding.UTF8.GetString(input.Bytes))).ToList();
        var damaged = _random.Next(4) == 0;
        var how = "";
        var body = damaged ? Damage(DetectorRig.SqsEvent(messages), out how) : DetectorRig.SqsEvent(messages);
        var label = new FuzzInput([], damaged ? $"SQS event damaged: {how}" : $"batch {batchNo} starting with: {inputs[0].Description}");
        var output = new StringWriter();
        var deadLetters = new RecordingDeadLetters();
        var handler = rig.Handler(dynamo, deadLetters, output);
        byte[] response;
        try
        {
            response = await handler.HandleAsync(body, rig.Invocation(), CancellationToken.None);
        }
        catch (Exception e) when (damaged && e is JsonException or InvalidDataException)
        {
            tally.Count("detector", "event-rejected-with-error");
            return;
        }
        catch (Exception e)
        {
            tally.Violation("detector", label, "unhandled " + e.GetType().Name + ": " + e.Message);
            return;
        }

        var log = output.ToString();
        long received, malformed, notDenied, denials;
        try
        {
            received = DetectorRig.Metric(log, Metric.MessagesReceived);
            malformed = DetectorRig.Metric(log, Metric.Malformed);
            notDenied = DetectorRig.Metric(log, Metric.IgnoredNotDenied);
            denials = DetectorRig.Metric(log, Metric.DenialsSeen);
        }
        catch (JsonException)
        {
            tally.Violation("detector", label, "a log line is not JSON");
            return;
        }

        var failures = DetectorRig.Failures(response);
        if (failures.Count > 0)
        {
            tally.Violation("detector", label, $"{failures.Count} messages sent back to SQS with a working store and dead-letter queue: "
                + string.Concat((log.Split('\n').FirstOrDefault(l => l.Contains("\"error\"", StringComparison.Ordinal)) ?? "").Take(600)));
        }

        if (malformed + notDenied + denials != received || (!damaged && received != messages.Count))
        {
            tally.Violation("detector", label, $"outcomes do not add up: {received} received, {malformed} malformed, {notDenied} not denied, {denials} denials");
        }

        if (deadLetters.Sent.Any(d => string.IsNullOrWhiteSpace(d.Reason) || d.Reason.Length > 1000) || deadLetters.Sent.Count < malformed)
        {
            tally.Violation("detector", label, "a malformed message was dead-lettered without a short reason, or not at all");
        }

        tally.Count("detector", "messages", received);
        tally.Count("detector", "diagnosed-denial", denials);
        tally.Count("detector", "ignored-not-denied", notDenied);
        tally.Count("detector", "dead-lettered-with-reason", malformed);
        tally.Count("detector", "dead-lettered-item-refused-by-dynamodb", deadLetters.Sent.Count - malformed);
    }

    private byte[] Damage(byte[] sqsEvent, out string how)
    {
        var root = JsonNode.Parse(sqsEvent)!.AsObject();
        var records = root["Records"]!.AsArray();
        var pick = _random.Next(records.Count);
        switch (_random.Next(7))
        {
            case 0: root["Records"] = null; how = "Records null"; break;
            case 1: root.Remove("Records"); how = "Records missing"; break;
            case 2: records[pick] = null; how = "a null message"; break;
            case 3: records[pick]!["body"] = 42; how = "a numeric body"; break;
            case 4: records[pick]!.AsObject().Remove("messageId"); records[pick]!["body"] = "{"; how = "a malformed message without messageId"; break;
            case 5: records[pick]!["attributes"] = "x"; how = "attributes not an object"; break;
            default: root["Records"] = new JsonObject(); how = "Records an object"; break;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
