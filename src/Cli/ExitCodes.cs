namespace Denied.Cli;

/// <summary>Exit codes scripts can rely on (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Ran to the end; no access denial found.</summary>
    public const int Clean = 0;

    /// <summary>Ran to the end; at least one access denial (explain) or finding (scan, findings list).</summary>
    public const int DenialsFound = 1;

    /// <summary>The command line was wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Some input could not be read (bad JSON, truncated .gz, unknown record shape); the rest was processed.</summary>
    public const int InputErrors = 3;

    /// <summary>An AWS call failed (the findings table, S3), or the named finding does not exist.</summary>
    public const int AwsError = 4;

    /// <summary>A bug in Denied (an unexpected exception), reported as one line; sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;
}
