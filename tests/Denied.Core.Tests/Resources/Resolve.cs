using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

/// <summary>Runs <see cref="ResourceResolver"/> on a small record built from the arguments.</summary>
internal static class Resolve
{
    public static ResourceResolution FromParameters(string action, string requestParameters, string region = "us-east-1") =>
        ResourceResolver.Resolve(
            TestRecords.Event(EventSourceOf(action), action.Split(':')[1], requestParameters, region: region),
            action,
            null,
            IamCatalog.Default);

    public static ResourceResolution FromResources(string action, string resources) =>
        ResourceResolver.Resolve(
            TestRecords.Event(EventSourceOf(action), action.Split(':')[1], resources: resources),
            action,
            null,
            IamCatalog.Default);

    private static string EventSourceOf(string action) => action.Split(':')[0] + ".amazonaws.com";
}
