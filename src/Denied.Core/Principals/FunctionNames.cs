namespace Denied.Principals;

/// <summary>Function names from the forms Lambda accepts: name, full ARN, partial ARN, with or without a qualifier.</summary>
internal static class FunctionNames
{
    private const string Marker = ":function:";

    /// <summary>"my-fn" for "my-fn", "arn:aws:lambda:r:a:function:my-fn:prod" and "a:function:my-fn"; null for blank.</summary>
    public static string? FromNameOrArn(string? nameOrArn)
    {
        if (string.IsNullOrWhiteSpace(nameOrArn))
        {
            return null;
        }

        var text = nameOrArn.Trim();
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            // "my-fn:prod" (name with qualifier) is accepted by Invoke too.
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && !text.StartsWith("arn:", StringComparison.Ordinal) ? text[..colon] : text;
        }

        var name = text[(at + Marker.Length)..];
        var end = name.IndexOf(':', StringComparison.Ordinal);
        name = end >= 0 ? name[..end] : name;
        return name.Length == 0 ? null : name;
    }
}
