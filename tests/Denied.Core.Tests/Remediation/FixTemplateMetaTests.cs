using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// Walks the closed set of denial layers (Enum.GetValues, so a new layer fails here until it has a fix template)
/// against explicit, implicit and unknown deny, for several action shapes.
/// </summary>
public sealed class FixTemplateMetaTests
{
    private static readonly (string Action, string Resource)[] Shapes =
    [
        ("s3:GetObject", "arn:aws:s3:::acme-invoices/a.pdf"),
        ("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:orders"),
        ("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer"),
        ("xray:PutTraceSegments", "*"),
        ("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"),
    ];

    public static TheoryData<DenialLayer, bool?> LayersAndDenyKinds()
    {
        var data = new TheoryData<DenialLayer, bool?>();
        foreach (var layer in Enum.GetValues<DenialLayer>())
        {
            data.Add(layer, true);
            data.Add(layer, false);
            data.Add(layer, null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LayersAndDenyKinds))]
    public void EveryLayerHasAFixTemplate(DenialLayer layer, bool? explicitDeny)
    {
        foreach (var (action, resource) in Shapes)
        {
            var fix = FixBuilder.Build(SomeFixRequest.For(action, resource, layer, explicitDeny));

            Assert.True(fix.Notes.Count > 0 || fix.Statements.Count > 0, $"{Codes.Of(layer)} / {action}: empty fix");
            Assert.NotNull(Codes.Of(fix.Target));
            if (explicitDeny == true || layer is DenialLayer.ServiceControlPolicy or DenialLayer.ResourceControlPolicy)
            {
                Assert.Equal(FixTarget.None, fix.Target);
                Assert.DoesNotContain(fix.Statements, s => s.Statement.Effect == "Allow");
                Assert.Empty(fix.Commands);
                Assert.Empty(fix.Snippets);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LayersAndDenyKinds))]
    public void StatementBearingFixesHaveAllFiveSnippets(DenialLayer layer, bool? explicitDeny)
    {
        foreach (var (action, resource) in Shapes)
        {
            var fix = FixBuilder.Build(SomeFixRequest.For(action, resource, layer, explicitDeny));
            var scoped = fix.Statements.Where(s => s.Document != "permissions-boundary").ToList();
            if (scoped.Count > 0)
            {
                Assert.Equal(["cdk", "cloudformation", "sam", "serverless", "terraform"], fix.Snippets.Keys.Order(StringComparer.Ordinal));
                Assert.All(fix.Snippets.Values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(LayersAndDenyKinds))]
    public void AnUnknownActionNeverGetsAStatement(DenialLayer layer, bool? explicitDeny)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(null, "arn:aws:s3:::acme-invoices/a.pdf", layer, explicitDeny));

        Assert.Equal(FixTarget.None, fix.Target);
        Assert.Empty(fix.Statements);
        Assert.NotEmpty(fix.Notes);
    }
}
