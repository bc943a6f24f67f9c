using System.Diagnostics;
using System.Text.Json;
using Denied.TestSupport;
using Template.Tests.Support;

namespace Template.Tests.Deployment;

/// <summary>
/// What a first deploy meets: the table name the CLI uses by default is the one the stack creates, giving only one of
/// the two Slack ids fails the deploy by a template rule, and the Makefile stops at once when ARCH is not the machine's CPU.
/// </summary>
public sealed class DeploymentContractTests
{
    [Fact]
    public async Task TheTableIsNamedAfterTheStackAsTheCliExpects()
    {
        var t = await Templates.MainAsync();

        var name = t.Resource("FindingsTable").Required("TableName");

        // The CLI's default, denied-findings, is the table of a stack named denied (README, infra/README.md).
        Assert.Equal("${AWS::StackName}-findings", name.GetProperty("Fn::Sub").GetString());
        Assert.Equal("FindingsTable", t.Root.GetProperty("Outputs").GetProperty("FindingsTableName").GetProperty("Value").GetProperty("Ref").GetString());
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("T0123ABCD", "C0123ABCD", true)]
    [InlineData("T0123ABCD", "", false)]
    [InlineData("", "C0123ABCD", false)]
    public async Task OneSlackIdWithoutTheOtherFailsARule(string workspace, string channel, bool deploys)
    {
        var t = await Templates.MainAsync();
        var parameters = new Dictionary<string, string> { ["SlackWorkspaceId"] = workspace, ["SlackChannelId"] = channel };

        var failed = RuleEvaluator.FailedAssertions(t.Root.GetProperty("Rules"), parameters);

        Assert.Equal(deploys, failed.Count == 0);
        Assert.All(failed, d => Assert.Contains("give both Slack ids", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MakeStopsAtOnceWhenArchIsNotTheMachinesCpu()
    {
        // Lambda's names for the two CPUs Native AOT builds for here.
        var host = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x86_64";
        var other = host == "arm64" ? "x86_64" : "arm64";
        var output = Directory.CreateTempSubdirectory("denied-make-").FullName;
        var psi = new ProcessStartInfo("make") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { "build-DetectorFunction", $"ARCH={other}", $"ARTIFACTS_DIR={output}" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var make = Process.Start(psi)!;
        var stderr = await make.StandardError.ReadToEndAsync();
        await make.WaitForExitAsync();

        Assert.Equal(2, make.ExitCode);
        Assert.Contains($"ARCH={other} but this machine is {host}", stderr, StringComparison.Ordinal);
        Assert.Contains($"ARCH={host} sam build", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
        Directory.Delete(output);
    }

    /// <summary>
    /// CloudFormation template rules ("Template Rules syntax", AWS CloudFormation User Guide) for the functions our
    /// rules use: a rule whose RuleCondition holds must have every Assertion hold.
    /// </summary>
    private static class RuleEvaluator
    {
        public static List<string> FailedAssertions(JsonElement rules, IReadOnlyDictionary<string, string> parameters)
        {
            var failed = new List<string>();
            foreach (var rule in rules.EnumerateObject())
            {
                if (rule.Value.TryGetProperty("RuleCondition", out var condition) && !Bool(condition, parameters))
                {
                    continue;
                }

                failed.AddRange(rule.Value.GetProperty("Assertions").EnumerateArray()
                    .Where(a => !Bool(a.GetProperty("Assert"), parameters))
                    .Select(a => a.GetProperty("AssertDescription").GetString()!));
            }

            return failed;
        }

        private static bool Bool(JsonElement e, IReadOnlyDictionary<string, string> p)
        {
            var (name, args) = e.EnumerateObject().Single() is var only ? (only.Name, only.Value) : default;
            return name switch
            {
                "Fn::Not" => !Bool(args[0], p),
                "Fn::And" => args.EnumerateArray().All(a => Bool(a, p)),
                "Fn::Or" => args.EnumerateArray().Any(a => Bool(a, p)),
                "Fn::Equals" => Value(args[0], p) == Value(args[1], p),
                _ => throw new NotSupportedException($"rule function {name}"),
            };
        }

        private static string Value(JsonElement e, IReadOnlyDictionary<string, string> p) =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : p[e.GetProperty("Ref").GetString()!];
    }
}
