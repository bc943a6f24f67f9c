namespace Denied.Principals;

/// <summary>
/// Role identity for comparisons. Role names are unique in an account whatever their path (IAM UG,
/// "IAM identifiers"), and the STS session ARN drops the path (CloudTrail User Guide, "CloudTrail userIdentity element"), so roles compare by
/// partition, account and name, case-sensitively.
/// </summary>
internal static class RoleArns
{
    /// <summary>
    /// "aws:123456789012:name" for "arn:aws:iam::123456789012:role/path/name" and for
    /// "arn:aws:sts::123456789012:assumed-role/name/session"; the trimmed input for anything else.
    /// </summary>
    public static string Key(string roleArn)
    {
        var arn = roleArn.Trim();
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            return arn;
        }

        var resource = parts[5];
        string? name = parts[2] switch
        {
            "iam" when resource.StartsWith("role/", StringComparison.Ordinal) => resource[(resource.LastIndexOf('/') + 1)..],
            "sts" when resource.StartsWith("assumed-role/", StringComparison.Ordinal) => resource.Split('/')[1],
            _ => null,
        };
        return string.IsNullOrEmpty(name) ? arn : $"{parts[1]}:{parts[4]}:{name}";
    }

    /// <summary>"arn:aws:iam::123456789012:role/name" from an STS session ARN; the path is unknown and left out.</summary>
    public static string? FromSessionArn(string? sessionArn)
    {
        var parts = sessionArn?.Split(':', 6);
        if (parts is not { Length: 6 } || parts[2] != "sts" || !parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[5].Split('/')[1];
        return name.Length == 0 ? null : $"arn:{parts[1]}:iam::{parts[4]}:role/{name}";
    }
}
