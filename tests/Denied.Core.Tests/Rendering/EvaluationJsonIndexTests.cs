using System.Text.Json;
using Denied.Diagnostics;
using Denied.Policies;
using Denied.Rendering;

namespace Denied.Core.Tests.Rendering;

/// <summary>A statement index the source does not give is written as null and read back as null, never as 0.</summary>
public sealed class EvaluationJsonIndexTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void StatementIndex_RoundTripsAsWritten(int? index)
    {
        var reference = new StatementReference(new PolicySource(DenialLayer.IdentityPolicy, PolicyArn: "arn:aws:iam::111122223333:policy/p"), "Deny", index);
        var evaluation = new PolicyEvaluation(PolicyEvaluation.AccessTroubleshooterSource, new EvaluationResult(
            PolicyDecision.ExplicitDeny, Truth.True, DenialLayer.IdentityPolicy, [new StatementFinding(reference, PolicyEffect.Deny, true, [], [])], []));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EvaluationJson.Write(w, evaluation);
        using var document = JsonDocument.Parse(buffer.ToArray());

        var statement = document.RootElement.GetProperty("statements")[0];
        Assert.Equal(index is null ? JsonValueKind.Null : JsonValueKind.Number, statement.GetProperty("index").ValueKind);
        var read = EvaluationJson.Read(document.RootElement)!;
        Assert.Equal(PolicyEvaluation.AccessTroubleshooterSource, read.Source);
        Assert.Equal(index, Assert.Single(read.Result.Statements).Reference.Index);
    }
}
