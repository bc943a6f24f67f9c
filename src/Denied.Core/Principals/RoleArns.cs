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

    /// <summary>
    /// Whether <paramref name="issuerArn"/> (a sessionIssuer ARN, "arn:P:iam::A:role/[path/]NAME") is the role of
    /// the STS session <paramref name="sessionArn"/> ("arn:P:sts::A:assumed-role/NAME/SESSION"): the same partition,
    /// account and role name, each read exactly, with no trimming. The issuer's name is its last path segment, so a
    /// path such as "service/x/../../admin" names "admin"; the session's is the segment after "assumed-role/", as STS
    /// leaves the path out. Not the role: an issuer in STS form, with a region, with an empty name, or anything else.
    /// </summary>
    public static bool IsRoleOfSession(string issuerArn, string sessionArn)
    {
        ArgumentNullException.ThrowIfNull(issuerArn);
        ArgumentNullException.ThrowIfNull(sessionArn);

        // Read in place (this runs for every denial): "arn", partition, service, region, account, resource.
        Span<Range> issuer = stackalloc Range[6];
        Span<Range> session = stackalloc Range[6];
        var i = issuerArn.AsSpan();
        var s = sessionArn.AsSpan();
        if (i.Split(issuer, ':') < 6 || s.Split(session, ':') < 6
            || !i[issuer[0]].SequenceEqual("arn") || !s[session[0]].SequenceEqual("arn")
            || !i[issuer[2]].SequenceEqual("iam") || !s[session[2]].SequenceEqual("sts")
            || !i[issuer[3]].IsEmpty || !s[session[3]].IsEmpty)
        {
            return false;
        }

        var issuerResource = i[issuer[5]];
        var sessionResource = s[session[5]];
        if (!issuerResource.StartsWith("role/") || !sessionResource.StartsWith("assumed-role/"))
        {
            return false;
        }

        var issuerName = issuerResource[(issuerResource.LastIndexOf('/') + 1)..];
        var afterPrefix = sessionResource["assumed-role/".Length..];
        var slash = afterPrefix.IndexOf('/');
        var sessionName = slash < 0 ? afterPrefix : afterPrefix[..slash];

        // Ordinal, though IAM does not distinguish role names by case (IAM API Reference, CreateRole: RoleName):
        // AWS writes both fields with the role's own spelling, so names that differ only in case mean an edited
        // record, and falling back to the session's role costs the path alone, never another role.
        return !issuerName.IsEmpty && !sessionName.IsEmpty
            && i[issuer[1]].SequenceEqual(s[session[1]])
            && i[issuer[4]].SequenceEqual(s[session[4]])
            && issuerName.SequenceEqual(sessionName);
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
