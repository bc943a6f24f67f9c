namespace Denied.Diagnostics;

/// <summary>Who made the denied call, as CloudTrail recorded it. Codes are a public contract.</summary>
public enum PrincipalKind
{
    LambdaExecutionRole,
    AssumedRole,
    IamUser,
    Root,
    AwsService,
    Other,
}

/// <summary>Which policy layer said no. Codes are a public contract: the diagnosis record's layer field (DiagnosisJson).</summary>
public enum DenialLayer
{
    IdentityPolicy,
    ResourcePolicy,
    ServiceControlPolicy,
    ResourceControlPolicy,
    PermissionsBoundary,
    SessionPolicy,
    VpcEndpointPolicy,
    Unknown,
}

/// <summary>Which document the fix changes; <see cref="None"/> when a deny must be removed instead.</summary>
public enum FixTarget
{
    ExecutionRole,
    ResourcePolicy,
    Both,
    None,
}

/// <summary>Stable string codes for the closed sets; the only place they are spelled.</summary>
public static class Codes
{
    public static string Of(PrincipalKind kind) => kind switch
    {
        PrincipalKind.LambdaExecutionRole => "lambda-execution-role",
        PrincipalKind.AssumedRole => "assumed-role",
        PrincipalKind.IamUser => "iam-user",
        PrincipalKind.Root => "root",
        PrincipalKind.AwsService => "aws-service",
        PrincipalKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(DenialLayer layer) => layer switch
    {
        DenialLayer.IdentityPolicy => "identity-policy",
        DenialLayer.ResourcePolicy => "resource-policy",
        DenialLayer.ServiceControlPolicy => "service-control-policy",
        DenialLayer.ResourceControlPolicy => "resource-control-policy",
        DenialLayer.PermissionsBoundary => "permissions-boundary",
        DenialLayer.SessionPolicy => "session-policy",
        DenialLayer.VpcEndpointPolicy => "vpc-endpoint-policy",
        DenialLayer.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    public static string Of(FixTarget target) => target switch
    {
        FixTarget.ExecutionRole => "execution-role",
        FixTarget.ResourcePolicy => "resource-policy",
        FixTarget.Both => "both",
        FixTarget.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    public static DenialLayer? ParseLayer(string? code) =>
        Enum.GetValues<DenialLayer>().Select(l => (DenialLayer?)l).FirstOrDefault(l => Of(l!.Value) == code);

    public static PrincipalKind? ParsePrincipalKind(string? code) =>
        Enum.GetValues<PrincipalKind>().Select(k => (PrincipalKind?)k).FirstOrDefault(k => Of(k!.Value) == code);

    public static FixTarget? ParseFixTarget(string? code) =>
        Enum.GetValues<FixTarget>().Select(t => (FixTarget?)t).FirstOrDefault(t => Of(t!.Value) == code);
}
