using System.Text;
using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>The built `denied` program reading standard input ("-"): plain or gzip (told by its magic bytes).</summary>
public sealed class StandardInputTests
{
    [Fact]
    public async Task ExplainReadsAGzippedEventFromStandardInput()
    {
        var gz = TempFolder.Gzip(File.ReadAllText(Run.Sample("kms-decrypt-key-policy")));

        var result = await Run.ProgramAsync(gz, "explain", "-", "--output", "json");

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal("kms:Decrypt", doc.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task ExplainReadsAPlainEventFromStandardInput()
    {
        var result = await Run.ProgramAsync(File.ReadAllBytes(Run.Sample("s3-listobjectsv2-plain-access-denied")), "explain", "-", "-o", "json");

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal("s3:ListBucket", doc.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task TruncatedGzipOnStandardInputIsAnInputErrorNamingStandardInput()
    {
        var gz = TempFolder.Gzip(File.ReadAllText(Run.Sample("kms-decrypt-key-policy")));

        var result = await Run.ProgramAsync(gz[..(gz.Length / 2)], "explain", "-");

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Contains("standard input", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionIsAUsageError()
    {
        var result = await Run.ProgramAsync(Encoding.UTF8.GetBytes("{}"), "explain", "-", "--frobnicate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--frobnicate", result.StdErr, StringComparison.Ordinal);
    }
}
