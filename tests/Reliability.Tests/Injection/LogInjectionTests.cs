using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.LambdaRuntime.Observability;
using Denied.Notifications;
using Denied.Notifier;
using Denied.TestSupport;
using Reliability.Tests.Support;

namespace Reliability.Tests.Injection;

/// <summary>
/// The logs output of the injection matrix. The Detector handles every hostile record (each payload in each
/// field) and hostile malformed messages (dead-lettered); the Notifier handles a finding made from every hostile
/// record. Each log stays one JSON object per line that carries ids and reasons, never the attacker's text or
/// the event: no property name or value holds <see cref="HostilePayloads.Marker"/> (which every placed payload
/// starts with, so a cut or transformed leak is caught too), a whole payload of 8 characters or more, or an
/// event's own member names.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class LogInjectionTests(MotoServer moto)
{
    [Fact]
    public async Task HostileRecordsAndMalformedMessagesNeverReachTheDetectorLogAndEveryLogLineStaysJson()
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        var log = new StringWriter();
        var deadLetters = new RecordingDeadLetters();
        var handler = rig.Handler(dynamo, deadLetters, log);
        var messages = new List<(string, string)>();
        foreach (var (field, place) in HostilePayloads.Placements)
        {
            foreach (var (payload, i) in HostilePayloads.All.Select((p, i) => (p, i)))
            {
                var record = InjectionTests.SampleRecord();
                place(record, HostilePayloads.Carried(payload));
                record["eventID"] = $"hostile-{field}-{i}";
                messages.Add(($"msg-{field}-{i}", Seeds.Envelope(record)));
            }
        }

        // Malformed messages carrying the payload: not JSON, a detail that is a string, a record whose fields have the wrong types.
        foreach (var (payload, i) in HostilePayloads.All.Select((p, i) => (p, i)))
        {
            var carried = HostilePayloads.Carried(payload);
            messages.Add(($"bad-text-{i}", carried));
            messages.Add(($"bad-detail-{i}", Seeds.EnvelopeAround(JsonValue.Create(carried).ToJsonString(), "\"AWS API Call via CloudTrail\"")));
            var record = InjectionTests.SampleRecord();
            record["eventTime"] = carried;
            record["userIdentity"] = carried;
            record["eventID"] = $"bad-record-{i}";
            var envelope = JsonNode.Parse(Seeds.Envelope(record))!;
            envelope["detail"]!["eventID"] = new JsonObject { [carried] = carried };
            messages.Add(($"bad-record-{i}", envelope.ToJsonString()));
        }

        foreach (var batch in messages.Chunk(25))
        {
            Assert.Empty(DetectorRig.Failures(await handler.HandleAsync(DetectorRig.SqsEvent(batch), rig.Invocation(), CancellationToken.None)));
        }

        AssertNoLeak(log.ToString(), "Detector");
    }

    [Fact]
    public async Task HostileFindingsNeverReachTheNotifierLog()
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        var log = new StringWriter();
        var jsonLog = new JsonLog(log, "denied-notifier");
        var metrics = new EmfMetrics(log, "Denied", "denied-notifier", rig.Clock);
        var sns = new RecordingPublisher();
        var processor = new StreamRecordProcessor(rig.Store(dynamo), sns, "arn:aws:sns:us-east-1:123456789012:denied-findings", [100, 1000], jsonLog, metrics);
        var handler = new NotifierHandler(processor, jsonLog, metrics, rig.Clock);
        var records = new List<JsonObject>();
        foreach (var (_, place) in HostilePayloads.Placements)
        {
            foreach (var payload in HostilePayloads.Renderable)
            {
                var record = InjectionTests.SampleRecord();
                place(record, HostilePayloads.Carried(payload));
                var finding = SampleFindings.Of(RenderedOutputs.Diagnose(record));
                records.Add(SampleFindings.StreamRecord(finding, null, 1000 + records.Count));
                // A second look at the same finding that changes nothing: skipped, with its reason logged.
                records.Add(SampleFindings.StreamRecord(finding with { Count = 4 }, finding, 1000 + records.Count));
            }
        }

        foreach (var batch in records.Chunk(20))
        {
            var body = new JsonObject { ["Records"] = new JsonArray(batch.Select(r => (JsonNode)r.DeepClone()).ToArray()) }.ToJsonString();
            using var response = JsonDocument.Parse(await handler.HandleAsync(System.Text.Encoding.UTF8.GetBytes(body), rig.Invocation(), CancellationToken.None));
            Assert.Equal(0, response.RootElement.GetProperty("batchItemFailures").GetArrayLength());
        }

        Assert.NotEmpty(sns.Published);
        Assert.Contains(sns.Published, m => m.Message.Contains(HostilePayloads.Marker, StringComparison.Ordinal));
        AssertNoLeak(log.ToString(), "Notifier");
    }

    private static void AssertNoLeak(string log, string function)
    {
        var texts = new List<string>();
        var names = new List<string>();
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line);
            Assert.IsType<JsonObject>(node);
            texts.AddRange(NamesAndStrings(node));
            names.AddRange(Names(node));
        }

        Assert.NotEmpty(texts);
        var marked = texts.Where(t => t.Contains(HostilePayloads.Marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(marked.Count == 0, $"attacker text in the {function} log: " + string.Join(" | ", marked.Take(5).Select(t => JsonValue.Create(t[..Math.Min(80, t.Length)]).ToJsonString())));
        var leaked = HostilePayloads.All.Where(p => p.Length >= 8 && texts.Any(v => v.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, $"attacker text in the {function} log: " + string.Join(" | ", leaked.Select(p => JsonValue.Create(p[..Math.Min(40, p.Length)]).ToJsonString())));
        // The event itself, logged as a nested object (its member names) or as JSON text in a value. A reason may name a field.
        Assert.DoesNotContain(names, n => n is "eventVersion" or "userIdentity" or "eventID" or "errorMessage");
        Assert.DoesNotContain(texts, v => v.Contains("\"eventVersion\"", StringComparison.Ordinal) || v.Contains("\"userIdentity\"", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };

    /// <summary>Every property name and every string value in a JSON document, depth first.</summary>
    private static IEnumerable<string> NamesAndStrings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => NamesAndStrings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(NamesAndStrings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
