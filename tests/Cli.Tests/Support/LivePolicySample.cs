using System.Text.Json;
using Denied.TestSupport;

namespace Cli.Tests.Support;

/// <summary>
/// A samples/policies/CASE folder recreated in moto (Scripts/load_policy_sample.py) and its event rewritten to match:
/// moto's account for the sample's, moto's own names for what it names itself (a KMS key ID, a secret's suffix).
/// </summary>
public static class LivePolicySample
{
    public const string SampleAccount = "111122223333";

    public static string Folder(string name) => RepoPaths.Combine("samples", "policies", name);

    /// <summary>Loads the case into moto; returns the rewrites (old text → moto's), the account's first.</summary>
    public static async Task<IReadOnlyList<(string Old, string New)>> LoadAsync(MotoServer moto, string name)
    {
        var (exit, stdout, stderr) = await Python.RunAsync([RepoPaths.Combine("tests", "Cli.Tests", "Scripts", "load_policy_sample.py"), moto.EndpointUrl, Folder(name)]);
        Assert.True(exit == 0, "load_policy_sample.py failed: " + stderr);
        var rewrites = new List<(string, string)> { (SampleAccount, MotoServer.AccountId) };
        using var doc = JsonDocument.Parse(stdout.Trim());
        rewrites.AddRange(doc.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        return rewrites;
    }

    public static string Rewrite(string text, IReadOnlyList<(string Old, string New)> rewrites) =>
        rewrites.Aggregate(text, (t, r) => t.Replace(r.Old, r.New, StringComparison.Ordinal));
}
