using System.Collections.Concurrent;

namespace Reliability.Tests.Fuzz;

/// <summary>
/// What became of each fuzzed input, per target: diagnosed, ignored with a reason, or rejected with an error that
/// names it; and the inputs that broke the contract (an exception escaped, output not valid, an outcome missing),
/// each with the mutation that made it so the failure can be reproduced from the seed.
/// </summary>
public sealed class FuzzTally
{
    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();

    public long Inputs;

    public IReadOnlyCollection<string> Violations => _violations;

    public void Count(string target, string outcome, long n = 1) => _outcomes.AddOrUpdate(target + " " + outcome, n, (_, v) => v + n);

    public void Violation(string target, FuzzInput input, string what)
    {
        if (_violations.Count < 20)
        {
            _violations.Enqueue($"{target}: {what} [input: {input.Description}; {input.Bytes.Length} bytes]");
        }
    }

    public string Summary() =>
        $"{Inputs:N0} inputs; " + string.Join("; ", _outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"));
}
