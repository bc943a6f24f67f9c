using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>
/// Every AWS failure of the built program is exit 4 and one line that names what failed and the likely cause
/// (no region, no credentials, unreachable endpoint), never a stack trace and never "transient" for configuration.
/// </summary>
public sealed class AwsFailureTests
{
    public static TheoryData<string[]> AwsCommands => new()
    {
        new[] { "findings", "list" },
        new[] { "findings", "show", "0123456789abcdef0123456789abcdef" },
        new[] { "findings", "create-table" },
        new[] { "suppressions", "list" },
        new[] { "scan", "s3://acme-cloudtrail-archive/AWSLogs/" },
        new[] { "scan", Run.SampleLogs, "--to-table", "denied-findings" },
    };

    /// <summary>Commands whose other AWS reads never fail them (live policy reads) or that need more than a region to start (--lookup): only the region case applies.</summary>
    public static TheoryData<string[]> RemoteReadCommands => new()
    {
        new[] { "scan", "--lookup", "--since", "7d" },
        new[] { "scan", Run.SampleLogs, "--read-policies" },
        new[] { "explain", Run.Sample("s3-getobject-identity-implicit"), "--read-policies" },
        new[] { "policies", "collect", "--role", "arn:aws:iam::111122223333:role/orders-api-role", "--out", Path.Combine(Path.GetTempPath(), "denied-no-region-policies") },
    };

    [Theory]
    [MemberData(nameof(AwsCommands))]
    [MemberData(nameof(RemoteReadCommands))]
    public async Task WithNoRegionTheCommandSaysHowToSetOneAndExitsFour(string[] args)
    {
        var result = await Run.ProgramAsync([], AwsEnvironment.Nothing(), args);

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        var line = OneLine(result.StdErr);
        Assert.Contains("no AWS region", line, StringComparison.Ordinal);
        Assert.Contains("--region", line, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION", line, StringComparison.Ordinal);
    }

    /// <summary>--profile names a profile whose region only its config file gives: every command reads that region.</summary>
    [Theory]
    [MemberData(nameof(AwsCommands))]
    [MemberData(nameof(RemoteReadCommands))]
    public async Task TheRegionOfTheProfileGivenByFlagIsUsed(string[] args)
    {
        var env = AwsEnvironment.Nothing();
        var config = Path.Combine(Path.GetTempPath(), $"denied-profile-region-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(config, "[profile team]\nregion = eu-west-3\n");
        env["AWS_CONFIG_FILE"] = config;
        try
        {
            var result = await Run.ProgramAsync([], env, [.. args, "--profile", "team"]);

            // No credentials: an AWS failure (4), or for live policy reads, which never fail the command, the diagnosis (1).
            Assert.Contains(result.ExitCode, new[] { ExitCodes.AwsError, ExitCodes.DenialsFound });
            Assert.DoesNotContain("no AWS region", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled", result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Theory]
    [MemberData(nameof(AwsCommands))]
    public async Task WithARegionButNoCredentialsTheCommandSaysSoAndExitsFour(string[] args)
    {
        var result = await Run.ProgramAsync([], AwsEnvironment.RegionOnly(), args);

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        var line = OneLine(result.StdErr);
        Assert.Contains("no AWS credentials", line, StringComparison.Ordinal);
        Assert.Contains("--profile", line, StringComparison.Ordinal);
        Assert.DoesNotContain("transient", line, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(AwsCommands))]
    public async Task AnUnreachableEndpointIsNamedAndExitsFour(string[] args)
    {
        // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
        var result = await Run.ProgramAsync([], AwsEnvironment.RegionAndKeys(), [.. args, "--endpoint-url", "http://127.0.0.1:9"]);

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        var line = OneLine(result.StdErr);
        Assert.Contains("http://127.0.0.1:9", line, StringComparison.Ordinal);
        Assert.Contains("unreachable", line, StringComparison.Ordinal);
    }

    /// <summary>The one line on standard error (besides the backfill's own summary line when a scan ran), with no trace of an exception.</summary>
    private static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\\n", stderr, StringComparison.Ordinal);
        return Assert.Single(lines);
    }
}
