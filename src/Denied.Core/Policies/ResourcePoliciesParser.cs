using System.Text.Json;
using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// Reads a resource-policies file: a JSON object from resource ARN (bucket, key, queue, topic, function,
/// secret, table) to its policy document, as an object, as a JSON string, or as the AWS CLI's
/// <c>{"Policy": "..."}</c> wrapper (get-bucket-policy, get-key-policy, lambda get-policy).
/// </summary>
public static class ResourcePoliciesParser
{
    public static IReadOnlyDictionary<string, SourcedPolicy> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"the resource-policies file is not JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new PolicyFormatException("the resource-policies file must be a JSON object from resource ARN to policy");
            var policies = new Dictionary<string, SourcedPolicy>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!entry.Name.StartsWith("arn:", StringComparison.Ordinal)) throw new PolicyFormatException($"'{entry.Name}' is not a resource ARN");
                var value = entry.Value;
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Policy", out var wrapped) && !value.TryGetProperty("Statement", out _)) value = wrapped;
                policies[entry.Name] = new SourcedPolicy(new PolicySource(DenialLayer.ResourcePolicy, ResourceArn: entry.Name), PolicyDocumentText.Parse(value, entry.Name));
            }

            return policies;
        }
    }
}
