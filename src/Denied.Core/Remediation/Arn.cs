namespace Denied.Remediation;

/// <summary>The six colon-separated parts of an ARN; <see cref="Resource"/> keeps any further colons.</summary>
internal sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static Arn? TryParse(string? value)
    {
        if (value is null || !value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = value.Split(':', 6);
        return parts.Length == 6 ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    /// <summary>The last path segment of the resource ("role/service/my-fn-role" -> "my-fn-role").</summary>
    public string LastSegment
    {
        get
        {
            var slash = Resource.LastIndexOf('/');
            return slash < 0 ? Resource : Resource[(slash + 1)..];
        }
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
