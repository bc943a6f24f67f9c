namespace Denied.Remediation;

/// <summary>The resource-based policy a fix edits; decides the document code, the commands and the snippet shape.</summary>
internal enum ResourcePolicyKind
{
    Bucket,
    Key,
    Queue,
    Topic,
    Function,
    Secret,

    /// <summary>A role's trust policy (its resource-based policy): no Resource element, edited with update-assume-role-policy.</summary>
    TrustPolicy,
    VpcEndpoint,
    Other,
}
