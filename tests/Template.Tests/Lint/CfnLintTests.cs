using Denied.TestSupport;
using Template.Tests.Support;

namespace Template.Tests.Lint;

/// <summary>cfn-lint (with its SAM transform) accepts every template the repository deploys.</summary>
public sealed class CfnLintTests
{
    // cfn-lint's exit code is a bit field: 2 = errors, 4 = warnings, 8 = informational; 1 = it crashed.
    private const int ErrorBits = 1 | 2;

    // `python3 -m cfnlint` does not work (the package has no __main__), so call the console
    // script's entry point the same way the installed `cfn-lint` wrapper does.
    private const string RunCfnLint = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())";

    public static TheoryData<string> TemplatesInRepository() => new(TemplateFiles.All());

    [Theory]
    [MemberData(nameof(TemplatesInRepository))]
    public async Task TemplateHasNoCfnLintErrors(string template)
    {
        await RequireCfnLintAsync();

        var (exitCode, stdout, stderr) = await Python.RunAsync(["-c", RunCfnLint, TemplateFiles.FullPath(template)]);

        Assert.True((exitCode & ErrorBits) == 0, $"cfn-lint {template} exited {exitCode}:\n{stdout}\n{stderr}");
    }

    [Fact]
    public void EveryInfraTemplateIsLinted()
    {
        var linted = TemplateFiles.All().ToList();

        Assert.Contains(TemplateFiles.Main, linted);
        Assert.Contains(TemplateFiles.Trail, linted);
        Assert.Contains(TemplateFiles.OrgCentralBus, linted);
        Assert.Contains(TemplateFiles.MemberForwarder, linted);
    }

    private static async Task RequireCfnLintAsync()
    {
        var (exitCode, _, stderr) = await Python.RunAsync(["-c", "import cfnlint, samtranslator"]);
        if (exitCode != 0)
        {
            Assert.Fail(
                $"cfn-lint is not importable by {Python.Executable}: run the test command from the README, which installs " +
                $"cfn-lint (and aws-sam-translator) with pip where missing.\n{stderr}");
        }
    }
}
