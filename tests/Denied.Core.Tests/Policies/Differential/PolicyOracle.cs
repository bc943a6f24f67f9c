using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Denied.Core.Tests.Policies.Differential;

/// <summary>
/// Runs tests/PolicyOracle/oracle.mjs (@cloud-copilot/iam-simulate, installed there by scripts/test.sh)
/// over a file of cases. Missing node or a missing package is a failure with the command that fixes
/// it, never a silent pass.
/// </summary>
internal static class PolicyOracle
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Diagnostics.sln"))) dir = dir.Parent;
            return dir is null ? throw new InvalidOperationException("repository root (Diagnostics.sln) not found") : Path.Combine(dir.FullName, "tests", "PolicyOracle");
        }
    }

    public static Dictionary<int, JsonObject> Run(string casesFile)
    {
        var package = Path.Combine(Folder, "node_modules", "@cloud-copilot", "iam-simulate", "package.json");
        Assert.True(File.Exists(package), $"the oracle is not installed: run `npm ci --prefix {Folder}` (scripts/test.sh does this)");
        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "oracle.mjs"), casesFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is needed for the policy oracle and could not be started: {e.Message}");
            throw;
        }

        var stderr = process.StandardError.ReadToEndAsync();
        var results = new Dictionary<int, JsonObject>();
        while (process.StandardOutput.ReadLine() is { } line)
            if (line.Length > 0 && JsonNode.Parse(line) is JsonObject result) results[result["id"]!.GetValue<int>()] = result;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the oracle failed ({process.ExitCode}): {stderr.Result}");
        return results;
    }
}
