namespace Denied.Iam;

/// <summary>An action IAM defines, with its documented casing and the resource types it applies to.</summary>
/// <param name="Prefix">The service prefix, e.g. "s3".</param>
/// <param name="Name">The action name in its documented casing, e.g. "ListBucket".</param>
/// <param name="ResourceTypes">Resource types in reference order; empty when the action takes only "*".</param>
public sealed record IamAction(string Prefix, string Name, IReadOnlyList<IamResourceType> ResourceTypes)
{
    /// <summary>The policy spelling, e.g. "s3:ListBucket".</summary>
    public string FullName => $"{Prefix}:{Name}";

    /// <summary>False for actions such as xray:PutTraceSegments that a policy can only grant on "*".</summary>
    public bool HasResourceLevelPermissions => ResourceTypes.Count > 0;

    /// <summary>
    /// True when the reference marks at least one resource type required. When every type is optional
    /// (cloudwatch:PutMetricData's "dataset", polly:SynthesizeSpeech's "lexicon"), a request that names none
    /// of them is authorised against "*".
    /// </summary>
    public bool HasRequiredResourceType => ResourceTypes.Any(t => t.Required);
}
