using System.Text.Json;

namespace Template.Tests.Support;

/// <summary>A CloudFormation template in JSON form, with the lookups the assertions need.</summary>
public sealed class CfnTemplate(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public IReadOnlyList<CfnResource> Resources { get; } =
        root.GetProperty("Resources").EnumerateObject().Select(p => new CfnResource(p.Name, p.Value)).ToList();

    public CfnResource Resource(string logicalId) =>
        Resources.SingleOrDefault(r => r.Id == logicalId) ?? throw new KeyNotFoundException($"no resource {logicalId}");

    public IEnumerable<CfnResource> OfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>Every policy statement of every resource policy (queue, topic, key, bucket, bus) with its owner.</summary>
    public IEnumerable<(CfnResource Owner, PolicyStatement Statement)> ResourcePolicyStatements()
    {
        foreach (var r in Resources)
        {
            var document = r.Type switch
            {
                "AWS::SQS::QueuePolicy" or "AWS::SNS::TopicPolicy" or "AWS::S3::BucketPolicy" => r.Property("PolicyDocument"),
                "AWS::KMS::Key" => r.Property("KeyPolicy"),
                _ => (JsonElement?)null,
            };
            if (document is { } d)
            {
                foreach (var s in PolicyStatement.AllIn(d))
                {
                    yield return (r, s);
                }
            }

            if (r.Type == "AWS::Events::EventBusPolicy" && r.Property("Statement") is { } single)
            {
                yield return (r, PolicyStatement.From(single));
            }
        }
    }
}

public sealed record CfnResource(string Id, JsonElement Element)
{
    public string Type => Element.GetProperty("Type").GetString()!;

    public string? Condition => Element.TryGetProperty("Condition", out var c) ? c.GetString() : null;

    public JsonElement Properties => Element.TryGetProperty("Properties", out var p) ? p : default;

    public JsonElement? Property(string name) =>
        Element.TryGetProperty("Properties", out var p) && p.TryGetProperty(name, out var v) ? v : null;

    public JsonElement Required(string name) =>
        Property(name) ?? throw new KeyNotFoundException($"{Id} has no property {name}");

    public string? Attribute(string name) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
