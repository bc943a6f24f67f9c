using System.Text;
using System.Text.Json.Nodes;
using Denied.Policies;
using Xunit.Abstractions;

namespace Denied.Core.Tests.Policies.Differential;

/// <summary>
/// The differential test: 12,000 seeded random cases through our evaluator and through
/// @cloud-copilot/iam-simulate; every case the oracle accepts must agree, except those in a class
/// triaged in tests/PolicyOracle/TRIAGE.md. Prints the agreement figure.
/// </summary>
public sealed class PolicyOracleDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("DENIED_ORACLE_CASES"), out var n) ? n : 12_000;

    [Fact]
    public void OurEvaluatorAgreesWithIamSimulateOnGeneratedCases()
    {
        var generator = new PolicyCaseGenerator(Seed);
        var cases = Enumerable.Range(1, Cases).Select(generator.Next).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"denied-policy-cases-{Environment.ProcessId}.jsonl");
        File.WriteAllLines(file, cases.Select(c => c.ToJsonString()));
        Dictionary<int, JsonObject> oracle;
        try
        {
            oracle = PolicyOracle.Run(file);
        }
        finally
        {
            // DENIED_ORACLE_KEEP=path keeps the generated cases for a look with the oracle alone.
            if (Environment.GetEnvironmentVariable("DENIED_ORACLE_KEEP") is { Length: > 0 } keep) File.Copy(file, keep, overwrite: true);
            File.Delete(file);
        }

        var compared = 0;
        var agreed = 0;
        var oracleErrors = 0;
        var triaged = new Dictionary<string, int>();
        var untriaged = new StringBuilder();
        foreach (var c in cases)
        {
            var id = c["id"]!.GetValue<int>();
            var theirs = oracle[id];
            if (theirs["error"] is not null)
            {
                oracleErrors++;
                continue;
            }

            compared++;
            EvaluationInput input;
            RequestContext context;
            string ours;
            try
            {
                (input, context) = OracleCase.Read(c);
                ours = PolicyEvaluator.Evaluate(input, context).DecisionCode;
            }
            catch (PolicyFormatException e)
            {
                untriaged.AppendLine($"case {id}: we refused a policy the oracle accepted ({e.Message}): {c.ToJsonString()}");
                continue;
            }

            var expected = OracleCase.OracleDecision(theirs["result"]!.GetValue<string>());
            if (ours == expected)
            {
                agreed++;
                continue;
            }

            var triage = DisagreementTriage.Classify(c, expected);
            if (triage is not null) triaged[triage] = triaged.GetValueOrDefault(triage) + 1;
            else if (untriaged.Length < 20_000) untriaged.AppendLine($"case {id}: ours {ours}, oracle {expected}: {c.ToJsonString()}");
        }

        output.WriteLine($"policy oracle: {agreed}/{compared} cases agree ({100.0 * agreed / compared:F2}%), {oracleErrors} refused by the oracle's validation, seed {Seed}");
        foreach (var (name, count) in triaged.OrderBy(t => t.Key)) output.WriteLine($"  triaged {name}: {count}");
        Assert.True(compared >= Math.Min(10_000, Cases * 5 / 6), $"only {compared} cases were comparable ({oracleErrors} refused by the oracle)");
        Assert.True(untriaged.Length == 0, "untriaged disagreements:\n" + untriaged);
    }
}
