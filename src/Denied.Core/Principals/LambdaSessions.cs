using Denied.CloudTrail;

namespace Denied.Principals;

/// <summary>The session-level facts that tie an assumed-role caller to a Lambda function (a function calls AWS as an assumed-role session of its execution role; CloudTrail User Guide, "CloudTrail userIdentity element").</summary>
internal static class LambdaSessions
{
    private const string ExecEnvMarker = "exec-env/AWS_Lambda_";
    private const string ServiceSessionPrefix = "awslambda_";
    private const int MaxRuntimeLength = 40;

    /// <summary>
    /// The session name: after the last '/' of the STS session ARN, else after the ':' of principalId
    /// ("AROA...:session"). Lambda names a function's session after the function.
    /// </summary>
    public static string? SessionName(UserIdentity identity)
    {
        if (identity.Arn is { } arn && arn.Contains(":assumed-role/", StringComparison.Ordinal))
        {
            var slash = arn.LastIndexOf('/');
            if (slash >= 0 && slash < arn.Length - 1)
            {
                return arn[(slash + 1)..];
            }
        }

        if (identity.PrincipalId is { } id && id.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && colon < id.Length - 1)
        {
            return id[(colon + 1)..];
        }

        return null;
    }

    /// <summary>
    /// "exec-env/AWS_Lambda_python3.12" when the SDK's user agent carries Lambda's AWS_EXECUTION_ENV. A hint
    /// only: any caller can write it, and OS-only runtimes (provided.al2023) may not set it.
    /// </summary>
    public static string? ExecEnvToken(string? userAgent)
    {
        var at = userAgent?.IndexOf(ExecEnvMarker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var end = at + ExecEnvMarker.Length;
        while (end < userAgent!.Length && end - at - ExecEnvMarker.Length < MaxRuntimeLength
            && (char.IsAsciiLetterOrDigit(userAgent[end]) || userAgent[end] is '.' or '_' or '-'))
        {
            end++;
        }

        return userAgent[at..end];
    }

    /// <summary>
    /// "awslambda_123456789" or "awslambda_847_20230628214903095": the session Lambda itself opens with the execution
    /// role, e.g. to manage a VPC function's network interfaces (real names: DataBiosphere/azul #5363,
    /// terraform-aws-github-runner #888); digits after the prefix, in one or more groups joined by '_'. It does not
    /// carry the function name.
    /// </summary>
    public static bool IsLambdaServiceSession(string? sessionName)
    {
        if (sessionName is not { Length: > 10 and <= 64 } name || !name.StartsWith(ServiceSessionPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var groups = name[ServiceSessionPrefix.Length..].Split('_');
        return groups.All(g => g.Length > 0 && g.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0);
    }
}
