using System.Globalization;
using System.Net;
using System.Text.Json;
using Denied.CloudTrail;
using Denied.Principals;

namespace Denied.Policies;

/// <summary>
/// The request context one CloudTrail record gives (IAM User Guide, "AWS global condition context keys";
/// CloudTrail record contents): principal ARN, account, type and user id, user name, source IP, VPC
/// endpoint, TLS (aws:SecureTransport), time, requested region, the resource account, and service keys
/// the request parameters carry (s3:prefix, s3:delimiter, s3:max-keys, kms:EncryptionContext:*). Every
/// other key, tags included, is unknown, so a condition on it is not determinable rather than false.
/// </summary>
public static class RequestContextFromRecord
{
    public static RequestContext? Build(CloudTrailRecord record, string action, string resource, string? resourceAccount)
    {
        var identity = record.UserIdentity;
        if (identity?.Arn is not { } arn) return null;
        RequestPrincipal principal;
        try
        {
            principal = RequestPrincipal.FromArn(arn);
        }
        catch (ArgumentException)
        {
            return null;
        }

        // The role keeps its path from sessionIssuer only when that is the session's own role: an issuer naming
        // another role or account is not the principal AWS evaluated, so aws:PrincipalArn is then unknown.
        var issuerArn = identity.SessionContext?.SessionIssuer?.Arn is { } issuer && principal.Type == RequestPrincipalType.AssumedRole
            && RoleArns.IsRoleOfSession(issuer, arn) ? issuer : null;
        if (issuerArn is not null) principal = principal with { RoleArn = issuerArn };

        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var absent = new List<string>();
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) keys[key] = [value];
        }

        Set("aws:PrincipalArn", principal.Type == RequestPrincipalType.AssumedRole ? issuerArn : arn);
        // The principal's ARN names its account; userIdentity.accountId is a second copy a rewritten record can change.
        Set("aws:PrincipalAccount", principal.AccountId ?? identity.AccountId);
        Set("aws:userid", identity.PrincipalId);
        Set("aws:PrincipalType", principal.Type switch
        {
            RequestPrincipalType.AssumedRole => "AssumedRole",
            RequestPrincipalType.User => "User",
            RequestPrincipalType.Root => "Account",
            RequestPrincipalType.FederatedUser => "FederatedUser",
            _ => null,
        });
        // aws:username exists for IAM users only (global condition keys: aws:username).
        if (principal.Type == RequestPrincipalType.User) Set("aws:username", identity.UserName ?? arn[(arn.LastIndexOf('/') + 1)..]);
        else absent.Add("aws:username");
        // A service name in sourceIPAddress (AWS calling on the principal's behalf) is no address.
        if (IPAddress.TryParse(record.SourceIpAddress, out _)) Set("aws:SourceIp", record.SourceIpAddress);
        Set("aws:SourceVpce", record.VpcEndpointId);
        if (record.TlsDetails is not null) Set("aws:SecureTransport", "true");
        Set("aws:RequestedRegion", record.AwsRegion);
        Set("aws:ResourceAccount", resourceAccount);
        if (DateTimeOffset.TryParse(record.EventTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            Set("aws:CurrentTime", time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            Set("aws:EpochTime", time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (record.RequestParameters is { ValueKind: JsonValueKind.Object } parameters) ServiceKeys(action, parameters, keys, absent);
        return new RequestContext(principal, action, resource, resourceAccount, keys, complete: false, absent);
    }

    private static void ServiceKeys(string action, JsonElement parameters, Dictionary<string, IReadOnlyList<string>> keys, List<string> absent)
    {
        if (action.StartsWith("s3:ListBucket", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (parameter, key) in new[] { ("prefix", "s3:prefix"), ("delimiter", "s3:delimiter"), ("max-keys", "s3:max-keys") })
            {
                if (parameters.TryGetProperty(parameter, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    keys[key] = [value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()];
                else absent.Add(key);
            }
        }

        // kms:EncryptionContext:<key> and kms:EncryptionContextKeys (KMS Developer Guide, "Condition keys for AWS KMS").
        if (action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) && parameters.TryGetProperty("encryptionContext", out var context) && context.ValueKind == JsonValueKind.Object)
        {
            var names = new List<string>();
            foreach (var pair in context.EnumerateObject())
            {
                if (pair.Value.ValueKind != JsonValueKind.String) continue;
                keys["kms:EncryptionContext:" + pair.Name] = [pair.Value.GetString()!];
                names.Add(pair.Name);
            }

            keys["kms:EncryptionContextKeys"] = names;
        }
    }
}
