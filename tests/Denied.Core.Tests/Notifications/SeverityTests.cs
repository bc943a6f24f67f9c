using Denied.Diagnostics;
using Denied.Notifications;
using Denied.Remediation;

namespace Denied.Core.Tests.Notifications;

public sealed class SeverityTests
{
    public static TheoryData<DenialLayer> EveryLayer()
    {
        var data = new TheoryData<DenialLayer>();
        foreach (var layer in Enum.GetValues<DenialLayer>())
        {
            data.Add(layer);
        }

        return data;
    }

    /// <summary>The meta-test: a new DenialLayer cannot ship without a severity, an attribute value and a fix.</summary>
    [Theory]
    [MemberData(nameof(EveryLayer))]
    public void EveryDenialLayerHasASeverityAnAttributeValueAndAFix(DenialLayer layer)
    {
        foreach (var explicitDeny in new bool?[] { true, false, null })
        {
            Assert.Contains(Severity.Of(layer, explicitDeny), new[] { Severity.High, Severity.Medium, Severity.Low });
        }

        var finding = SomeFinding.Of(SomeFinding.Diagnosis(layer: layer));
        var attributes = NotificationAttributes.For(new Notification("new", finding));
        Assert.Equal(Codes.Of(layer), attributes[NotificationAttributes.Layer]);
        Assert.False(string.IsNullOrWhiteSpace(attributes[NotificationAttributes.SeverityName]));

        var fix = FixBuilder.Build(new FixRequest { Action = "s3:GetObject", Resource = SomeFinding.Bucket, Layer = layer, RoleArn = SomeFinding.RoleArn });
        Assert.True(fix.Statements.Count > 0 || fix.Notes.Count > 0, $"{layer} has no fix template");
    }

    [Theory]
    [InlineData(DenialLayer.IdentityPolicy, false, "low")]
    [InlineData(DenialLayer.IdentityPolicy, null, "low")]
    [InlineData(DenialLayer.IdentityPolicy, true, "high")]
    [InlineData(DenialLayer.ResourcePolicy, false, "medium")]
    [InlineData(DenialLayer.ResourcePolicy, true, "high")]
    [InlineData(DenialLayer.ServiceControlPolicy, false, "high")]
    [InlineData(DenialLayer.ResourceControlPolicy, null, "high")]
    [InlineData(DenialLayer.PermissionsBoundary, false, "medium")]
    [InlineData(DenialLayer.SessionPolicy, false, "medium")]
    [InlineData(DenialLayer.VpcEndpointPolicy, false, "medium")]
    [InlineData(DenialLayer.Unknown, null, "medium")]
    public void SeverityRanksHowFarTheFixIsFromTheTeam(DenialLayer layer, bool? explicitDeny, string expected) =>
        Assert.Equal(expected, Severity.Of(layer, explicitDeny));
}
