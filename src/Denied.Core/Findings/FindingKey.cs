using System.Security.Cryptography;
using System.Text;
using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>
/// What makes two denials the same problem: one finding per
/// (account, region, role, action, resource, layer). The role is the execution role whose
/// permissions are lacking (or the invoked function's ARN for resource-policy invocation denials).
/// An S3 object ARN is keyed by its bucket ("arn:aws:s3:::bucket/*"): the denials of one role and action on the
/// objects of one bucket are one finding, whose fix grants the objects' common prefix (<see cref="S3ObjectScope"/>).
/// </summary>
public sealed record FindingKey(string Account, string Region, string RoleArn, string Action, string Resource, DenialLayer Layer)
{
    /// <summary>
    /// Stable id: the first 32 hex digits of SHA-256 over the six parts joined by newlines, which no part
    /// can contain unescaped. Stable across versions: stored findings are keyed by it.
    /// </summary>
    /// <remarks>Computed on the first read and kept (every event of a batch reads it several times). The kept value
    /// takes no part in equality (<see cref="Equals(FindingKey?)"/>, <see cref="GetHashCode"/>), and the copy that
    /// <c>with</c> makes starts without it, so a modified key computes its own. Two threads reading it first both
    /// compute the same string.</remarks>
    public string Id => _id ??= ComputeId();

    private string? _id;

    // The copy behind `with`: every part, never the kept id (the init accessors that follow may change any part).
    private FindingKey(FindingKey original)
    {
        Account = original.Account;
        Region = original.Region;
        RoleArn = original.RoleArn;
        Action = original.Action;
        Resource = original.Resource;
        Layer = original.Layer;
    }

    public bool Equals(FindingKey? other) =>
        ReferenceEquals(this, other) || other is not null
            && string.Equals(Account, other.Account, StringComparison.Ordinal)
            && string.Equals(Region, other.Region, StringComparison.Ordinal)
            && string.Equals(RoleArn, other.RoleArn, StringComparison.Ordinal)
            && string.Equals(Action, other.Action, StringComparison.Ordinal)
            && string.Equals(Resource, other.Resource, StringComparison.Ordinal)
            && Layer == other.Layer;

    public override int GetHashCode() => HashCode.Combine(Account, Region, RoleArn, Action, Resource, Layer);

    private string ComputeId()
    {
        var text = string.Join('\n', Account, Region, RoleArn, Action, Resource, Codes.Of(Layer));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The key of a diagnosis that can become a finding, or null (not denied, or too little known).</summary>
    public static FindingKey? For(Diagnosis diagnosis)
    {
        if (!diagnosis.Denied || diagnosis.Function is not { } function)
        {
            return null;
        }

        // When the function's execution role is unknown (no inventory: a denied invocation, or a configuration-time
        // denial whose request does not name the role) the function ARN stands in the role's place, so the denial
        // is still a finding of that function.
        var role = function.RoleArn ?? FunctionArn(diagnosis, function.Name);
        if (role is null)
        {
            return null;
        }

        return new FindingKey(
            diagnosis.Account ?? "unknown",
            diagnosis.Region ?? "unknown",
            role,
            diagnosis.Action ?? "unknown-action",
            S3ObjectResource(diagnosis) is not null ? S3ObjectScope.BucketWildcard(diagnosis.Resource)! : diagnosis.Resource ?? "unknown-resource",
            diagnosis.Layer ?? DenialLayer.Unknown);
    }

    /// <summary>
    /// The object ARN of an S3 action on an object (s3:GetObject on arn:aws:s3:::bucket/key), or null. A resource the
    /// resolver wrote with wildcards on purpose is not one object.
    /// </summary>
    public static string? S3ObjectResource(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return diagnosis.Action is { } action && action.StartsWith("s3:", StringComparison.OrdinalIgnoreCase)
            && diagnosis.FixRequest?.ResourceWildcardSuffixLength is null or 0
            && S3ObjectScope.BucketWildcard(diagnosis.Resource) is not null
                ? diagnosis.Resource
                : null;
    }

    private static string? FunctionArn(Diagnosis diagnosis, string? name)
    {
        if (name is null || diagnosis.Account is null || diagnosis.Region is null)
        {
            return null;
        }

        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            return name;
        }

        var partition = diagnosis.Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : diagnosis.Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
        return $"arn:{partition}:lambda:{diagnosis.Region}:{diagnosis.Account}:function:{name}";
    }
}
