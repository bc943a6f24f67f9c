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

    /// <summary>IAM resource types that carry identity policies, and where: "Policies" (a list of named documents) or "PolicyDocument".</summary>
    public static readonly IReadOnlyDictionary<string, string> IamPolicyHolders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS::IAM::Role"] = "Policies",
        ["AWS::IAM::User"] = "Policies",
        ["AWS::IAM::Group"] = "Policies",
        ["AWS::IAM::Policy"] = "PolicyDocument",
        ["AWS::IAM::RolePolicy"] = "PolicyDocument",
        ["AWS::IAM::UserPolicy"] = "PolicyDocument",
        ["AWS::IAM::GroupPolicy"] = "PolicyDocument",
        ["AWS::IAM::ManagedPolicy"] = "PolicyDocument",
    };

    /// <summary>
    /// Every identity-policy statement in the template with its owner: inline policies of roles, users and
    /// groups, and the documents of AWS::IAM::Policy, RolePolicy, UserPolicy, GroupPolicy and ManagedPolicy
    /// (which attach to a role from outside it). Trust policies are not included.
    /// </summary>
    public IEnumerable<(CfnResource Owner, PolicyStatement Statement)> IamPolicyStatements()
    {
        foreach (var r in Resources.Where(r => IamPolicyHolders.ContainsKey(r.Type)))
        {
            var documents = IamPolicyHolders[r.Type] == "Policies"
                ? (r.Property("Policies") is { } policies ? Intrinsics.Items(policies).Select(p => p.GetProperty("PolicyDocument")) : [])
                : [r.Required("PolicyDocument")];
            foreach (var s in documents.SelectMany(PolicyStatement.AllIn))
            {
                yield return (r, s);
            }
        }
    }

    /// <summary>Resource types whose property holds a resource-policy document (AWS::Events::EventBusPolicy is read apart: one Statement).</summary>
    public static readonly IReadOnlyDictionary<string, string> ResourcePolicyProperty = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS::SQS::QueuePolicy"] = "PolicyDocument",
        ["AWS::SQS::QueueInlinePolicy"] = "PolicyDocument",
        ["AWS::SNS::TopicPolicy"] = "PolicyDocument",
        ["AWS::SNS::TopicInlinePolicy"] = "PolicyDocument",
        ["AWS::S3::BucketPolicy"] = "PolicyDocument",
        ["AWS::KMS::Key"] = "KeyPolicy",
        ["AWS::KMS::ReplicaKey"] = "KeyPolicy",
        ["AWS::Events::EventBus"] = "Policy",
    };

    /// <summary>Every policy statement of every resource policy (queue, topic, key, bucket, bus) with its owner.</summary>
    public IEnumerable<(CfnResource Owner, PolicyStatement Statement)> ResourcePolicyStatements()
    {
        foreach (var r in Resources)
        {
            var document = ResourcePolicyProperty.TryGetValue(r.Type, out var property) ? r.Property(property) : null;
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
