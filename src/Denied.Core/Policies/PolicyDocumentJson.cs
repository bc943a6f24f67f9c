using System.Text;
using System.Text.Json;

namespace Denied.Policies;

/// <summary>
/// A parsed policy document written back as policy JSON (IAM JSON policy element reference): every element it
/// holds, one-value lists as a plain string, condition operators and keys as written. Used to give the whole
/// document of a policy whose statement a fix edits, since put-role-policy and create-policy-version replace it.
/// </summary>
public static class PolicyDocumentJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public static string Write(PolicyDocument document)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (document.Version is { } version) w.WriteString("Version", version);
            if (document.Id is { } id) w.WriteString("Id", id);
            w.WriteStartArray("Statement");
            foreach (var s in document.Statements) Statement(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Statement(Utf8JsonWriter w, PolicyStatement s)
    {
        w.WriteStartObject();
        if (s.Sid is { } sid) w.WriteString("Sid", sid);
        w.WriteString("Effect", s.Effect == PolicyEffect.Allow ? "Allow" : "Deny");
        if (s.Principal is { } principal) Principal(w, "Principal", principal);
        if (s.NotPrincipal is { } notPrincipal) Principal(w, "NotPrincipal", notPrincipal);
        if (s.Actions is { } actions) Values(w, "Action", actions);
        if (s.NotActions is { } notActions) Values(w, "NotAction", notActions);
        if (s.Resources is { } resources) Values(w, "Resource", resources);
        if (s.NotResources is { } notResources) Values(w, "NotResource", notResources);
        if (s.Conditions.Count > 0)
        {
            w.WriteStartObject("Condition");
            foreach (var byOperator in s.Conditions.GroupBy(c => c.Operator.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject(byOperator.Key);
                foreach (var entry in byOperator) Values(w, entry.Key, entry.Values);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Principal(Utf8JsonWriter w, string name, PrincipalElement principal)
    {
        if (principal.Everyone && principal.Aws.Count + principal.Service.Count + principal.Federated.Count + principal.CanonicalUser.Count == 0)
        {
            w.WriteString(name, "*");
            return;
        }

        w.WriteStartObject(name);
        // The parser keeps "*" among the AWS values it came with; Everyone alone was the bare "Principal": "*".
        if (principal.Aws.Count > 0) Values(w, "AWS", principal.Aws);
        if (principal.Service.Count > 0) Values(w, "Service", principal.Service);
        if (principal.Federated.Count > 0) Values(w, "Federated", principal.Federated);
        if (principal.CanonicalUser.Count > 0) Values(w, "CanonicalUser", principal.CanonicalUser);
        w.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            w.WriteString(name, values[0]);
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
