using System.Collections.Concurrent;
using System.Text.Json;
using Denied.TestSupport;

namespace Template.Tests.Support;

/// <summary>
/// Templates as JSON: template.yaml expanded by aws-sam-translator (so the assertions see the
/// event source mappings SAM generates), infra templates as written. Each file is converted once
/// per test run by Scripts/expand_template.py and shared by all tests.
/// </summary>
public static class Templates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<CfnTemplate>>> Cache = new(StringComparer.Ordinal);

    public static Task<CfnTemplate> LoadAsync(string relativePath) =>
        Cache.GetOrAdd(relativePath, p => new Lazy<Task<CfnTemplate>>(() => ConvertAsync(p))).Value;

    public static Task<CfnTemplate> MainAsync() => LoadAsync(TemplateFiles.Main);

    private static async Task<CfnTemplate> ConvertAsync(string relativePath)
    {
        var (exitCode, stdout, stderr) = await Python.RunAsync(
            [TemplateFiles.Script("expand_template.py"), TemplateFiles.FullPath(relativePath)]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"expand_template.py {relativePath} exited {exitCode}; aws-sam-translator and cfn-lint must be installed for python3 " +
                $"(the README's test command installs them):\n{stderr}");
        }

        return new CfnTemplate(JsonDocument.Parse(stdout).RootElement.Clone());
    }
}
