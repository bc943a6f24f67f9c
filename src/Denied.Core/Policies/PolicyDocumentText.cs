using System.Text.Json;

namespace Denied.Policies;

/// <summary>
/// A policy document as the policy files carry it: a JSON object (the AWS CLI decodes documents), a
/// URL-encoded JSON string (the raw IAM Query API, "Policy documents are URL-encoded compliant with
/// RFC 3986"), or a JSON string holding the document (resource-policy getters such as GetBucketPolicy).
/// </summary>
public static class PolicyDocumentText
{
    public static PolicyDocument Parse(JsonElement value, string where)
    {
        try
        {
            if (value.ValueKind == JsonValueKind.Object) return PolicyParser.Parse(value);
            if (value.ValueKind != JsonValueKind.String) throw new PolicyFormatException("a policy document must be a JSON object or a string");
            var text = value.GetString()!.Trim();
            if (!text.StartsWith('{')) text = Uri.UnescapeDataString(text);
            return PolicyParser.Parse(text);
        }
        catch (PolicyFormatException e)
        {
            throw new PolicyFormatException($"{where}: {e.Message}");
        }
    }
}
