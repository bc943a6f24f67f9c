using System.Text.Json;
using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Turns a policy document as a service returns it into the JSON object the AWS CLI prints. IAM returns
/// documents URL-encoded per RFC 3986 (IAM API reference, GetRolePolicy: "The policy document returned in this
/// structure is URL-encoded compliant with RFC 3986"); they are decoded the way botocore does (percent-escapes
/// only, a '+' stays a '+'). Other services return the JSON text itself.
/// </summary>
public static class PolicyDocumentText
{
    public static JsonObject Parse(string text, bool urlEncoded)
    {
        ArgumentNullException.ThrowIfNull(text);
        string json;
        try
        {
            json = urlEncoded ? Uri.UnescapeDataString(text) : text;
        }
        catch (UriFormatException ex)
        {
            throw new PolicyDocumentException("the policy document is not valid URL-encoded text: " + ex.Message, ex);
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new PolicyDocumentException("the policy document is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new PolicyDocumentException("the policy document is not valid JSON: " + ex.Message, ex);
        }
    }
}
