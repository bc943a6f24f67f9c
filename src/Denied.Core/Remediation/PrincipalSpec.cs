using Denied.Iam;

namespace Denied.Remediation;

/// <summary>A principal as a policy writes it ("Service"/"AWS", value) and as the Lambda CLI takes it.</summary>
internal sealed record PrincipalSpec(string Type, string Value, string Cli)
{
    public bool IsService => Type == "Service";

    /// <summary>Service principal ("s3.amazonaws.com"), 12-digit account id, or ARN; anything else is refused.</summary>
    public static PrincipalSpec? Parse(string? value, string partition)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new("AWS", value, value);
        }

        if (AccountId.IsValid(value))
        {
            return new("AWS", $"arn:{partition}:iam::{value}:root", value);
        }

        var isService = (value.EndsWith(".amazonaws.com", StringComparison.Ordinal) || value.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
        return isService ? new("Service", value, value) : null;
    }
}
