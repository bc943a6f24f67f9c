using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>The fix the whole engine builds for a fixture record (test-only).</summary>
internal static class Diagnose
{
    private static readonly Diagnoser Diagnoser = new(IamCatalog.Default);

    public static Fix Fixture(string name) => Diagnoser.Diagnose(Fixtures.Fixture.Record(name)).Fix!;

    public static Fix Fixture(string name, Action<System.Text.Json.Nodes.JsonObject> edit) => Diagnoser.Diagnose(Fixtures.Fixture.Record(name, edit)).Fix!;

    /// <summary>Every text the fix renders: statements, commands and the five snippets.</summary>
    public static IEnumerable<string> Texts(Fix fix) =>
        fix.Statements.Select(s => PolicyJson.Statement(s.Statement)).Concat(fix.Commands).Concat(fix.Snippets.Values);
}
