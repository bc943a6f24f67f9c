using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.Findings;
using Denied.Notifications;
using Denied.Rendering;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// docs/schemas describe the JSON contract: real output of explain, scan, findings show and the Notifier's
/// structured SNS message validates against them, and a broken document does not.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class JsonSchemaTests(MotoServer moto)
{
    private static JsonSchemaValidator Schema(string name) => JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", name + ".schema.json"));

    public static TheoryData<string> SampleEvents() => new(Directory.EnumerateFiles(RepoPaths.Combine("samples", "events"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(SampleEvents))]
    public void ExplainOutputIsADiagnosisRecord(string sample)
    {
        var result = Run.Explain(Run.Sample(sample), OutputFormat.Json);

        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Empty(Schema("diagnosis").Validate(doc.RootElement));
        Assert.Equal(SchemaVersion.Current, doc.RootElement.GetProperty("schemaVersion").GetString());
    }

    [Fact]
    public async Task ScanOutputValidates()
    {
        var result = await Run.ScanAsync(Run.SampleLogs, OutputFormat.Json);

        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Empty(Schema("scan-output").Validate(doc.RootElement));
    }

    [Fact]
    public async Task StoredFindingsAndTheirSnsMessagesValidate()
    {
        var table = new FindingsTable(moto);
        await table.CreateAsync();
        await table.BackfillAsync(Run.SampleLogs);
        var ids = (await table.ListRowsAsync(new FindingQuery { Limit = 1000 })).Select(r => r.Id).ToList();
        Assert.Equal(13, ids.Count);
        var (store, client) = StoreFactory.Create(table.Aws, FindingsTable.Name);
        using (client)
        {
            foreach (var id in ids)
            {
                var show = await FindingsTable.CaptureAsync((o, e) => FindingsActions.ShowAsync(table.Target, id, OutputFormat.Json, o, e, CancellationToken.None));
                using var shown = JsonDocument.Parse(show.StdOut);
                Assert.Empty(Schema("finding").Validate(shown.RootElement));

                var finding = (await store.GetAsync(id))!;
                foreach (var message in new[]
                {
                    StructuredRenderer.Render(new Notification("new", finding)),
                    StructuredRenderer.Render(new Notification("reopened#1", finding), truncated: true),
                    StructuredRenderer.RenderMinimal(new Notification("threshold#100", finding)),
                })
                {
                    using var doc = JsonDocument.Parse(message);
                    Assert.Empty(Schema("sns-message").Validate(doc.RootElement));
                }
            }
        }
    }

    [Theory]
    [InlineData("schemaVersion", "\"2.0\"")]
    [InlineData("layer", "\"the-role\"")]
    [InlineData("denied", "\"yes\"")]
    [InlineData("principal", "null")]
    public void ADocumentThatBreaksTheContractDoesNotValidate(string field, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Run.Explain(Run.Sample("kms-decrypt-key-policy"), OutputFormat.Json).StdOut)!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);

        using var doc = JsonDocument.Parse(node.ToJsonString());
        Assert.NotEmpty(Schema("diagnosis").Validate(doc.RootElement));
    }

    [Fact]
    public void AMissingFieldDoesNotValidate()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Run.Explain(Run.Sample("kms-decrypt-key-policy"), OutputFormat.Json).StdOut)!.AsObject();
        node.Remove("resource");

        using var doc = JsonDocument.Parse(node.ToJsonString());
        Assert.Contains("$: required property resource is missing", Schema("diagnosis").Validate(doc.RootElement));
    }
}
