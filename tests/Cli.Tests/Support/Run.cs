using System.Diagnostics;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests.Support;

/// <summary>Runs the CLI's commands in process (through their public entry points) or as the built `denied` program.</summary>
public static class Run
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string Sample(string name) => RepoPaths.Combine("samples", "events", name + ".json");

    public static string SampleLogs => RepoPaths.Combine("samples", "AWSLogs");

    public static Result Explain(string file, OutputFormat format = OutputFormat.Json, FileInfo? functions = null, bool all = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExplainCommand.Run(file, format, functions, stdout, stderr, all);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<Result> ScanAsync(string path, OutputFormat format = OutputFormat.Json, string? toTable = null, AwsOptions? aws = null, string? table = null, string? since = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = new ScanCommand.ScanOptions(path, format, null, since, toTable, Progress: false, aws ?? new AwsOptions(null, null, null)) { Table = table };
        var code = await ScanCommand.RunAsync(options, stdout, stderr, TimeProvider.System, CancellationToken.None);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The built program (denied.dll is copied next to this test assembly), with raw bytes on standard input.</summary>
    public static Task<Result> ProgramAsync(byte[] stdin, params string[] args) => ProgramAsync(stdin, new Dictionary<string, string?>(), args);

    /// <param name="environment">Variables to set (a null value removes the variable) in the program's environment.</param>
    public static async Task<Result> ProgramAsync(byte[] stdin, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "denied.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet denied.dll");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
