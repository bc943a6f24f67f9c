using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.TestSupport;
using Reliability.Tests.Support;

namespace Reliability.Tests.Injection;

/// <summary>
/// The logs output of the injection matrix: the Detector handles every hostile record (each payload in each field),
/// and its log stays one JSON object per line that carries ids and reasons, never the attacker's text or the event.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class LogInjectionTests(MotoServer moto)
{
    [Fact]
    public async Task HostileRecordsNeverReachTheDetectorLogAndEveryLogLineStaysJson()
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        var log = new StringWriter();
        var handler = rig.Handler(dynamo, new RecordingDeadLetters(), log);
        var messages = new List<(string, string)>();
        foreach (var (field, place) in HostilePayloads.Placements)
        {
            foreach (var (payload, i) in HostilePayloads.All.Select((p, i) => (p, i)))
            {
                var record = InjectionTests.SampleRecord();
                place(record, payload);
                record["eventID"] = $"hostile-{field}-{i}";
                messages.Add(($"msg-{field}-{i}", Seeds.Envelope(record)));
            }
        }

        foreach (var batch in messages.Chunk(25))
        {
            Assert.Empty(DetectorRig.Failures(await handler.HandleAsync(DetectorRig.SqsEvent(batch), rig.Invocation(), CancellationToken.None)));
        }

        var values = new List<string>();
        foreach (var line in log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line);
            Assert.IsType<JsonObject>(node);
            values.AddRange(RenderedOutputs.Strings(node));
        }

        var leaked = HostilePayloads.All.Where(p => p.Length >= 8 && values.Any(v => v.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, "attacker text in the log: " + string.Join(" | ", leaked.Select(p => JsonValue.Create(p[..Math.Min(40, p.Length)]).ToJsonString())));
        Assert.DoesNotContain(values, v => v.Contains("\"eventVersion\"", StringComparison.Ordinal) || v.Contains("userIdentity", StringComparison.Ordinal));
    }
}
