using System.Text;
using System.Text.Json;
using Denied.Findings;
using Denied.Intake;

namespace Denied.Core.Tests.Intake;

public sealed class SuppressionRulesJsonTests
{
    [Fact]
    public void RulesWrittenAsSuppressionsListPrintsThemReadBackUnchanged()
    {
        SuppressionRule[] rules =
        [
            new("canary", "synthetic checks") { FunctionPattern = "canary-*", ActionPattern = "s3:Get*", ExpiresAt = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero) },
            new("guardrail", "SCP denies this on purpose") { RolePattern = "arn:aws:iam::*:role/legacy-*", ResourcePattern = "arn:aws:kms:*" },
        ];
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            SuppressionRulesJson.Write(w, rules);
        }

        Assert.Equal(rules, SuppressionRulesJson.Parse(buffer.ToArray()));
    }

    [Theory]
    [InlineData("[]", "expected {\"suppressions\"")]
    [InlineData("{\"suppressions\":[{\"reason\":\"x\",\"action\":\"s3:*\"}]}", "suppression 0: no id")]
    [InlineData("{\"suppressions\":[{\"id\":\"a\",\"reason\":\"x\"}]}", "suppression 0: needs at least one of")]
    [InlineData("{\"suppressions\":[{\"id\":\"a\",\"action\":\"s3:*\"},{\"id\":\"b\",\"action\":7}]}", "suppression 1: action is not a string")]
    [InlineData("{\"suppressions\":[{\"id\":\"a\",\"action\":\"s3:*\",\"expiresAt\":\"soon\"}]}", "suppression 0: expiresAt is not an ISO-8601 time")]
    [InlineData("{\"suppressions\":[", "not JSON")]
    public void ABadFileIsRefusedWithWhatIsWrong(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => SuppressionRulesJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
