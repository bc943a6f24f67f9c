namespace Denied.Classification;

/// <summary>What a CloudTrail record is, for the detector.</summary>
public enum DenialKind
{
    /// <summary>Not an authorization failure (success, not found, throttling, authentication...): no finding.</summary>
    NotDenied,

    /// <summary>The caller was denied by IAM policy evaluation (any layer).</summary>
    AccessDenied,

    /// <summary>
    /// Lambda rejected a control-plane call (CreateFunction, UpdateFunctionConfiguration,
    /// CreateEventSourceMapping) because the function's execution role lacks a permission that
    /// Lambda checks up front; the caller itself was allowed.
    /// </summary>
    ConfigurationTime,
}
