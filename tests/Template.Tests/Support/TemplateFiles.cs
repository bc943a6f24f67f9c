using Denied.TestSupport;

namespace Template.Tests.Support;

/// <summary>The CloudFormation templates the repository deploys, relative to the repository root.</summary>
public static class TemplateFiles
{
    public const string Main = "template.yaml";
    public const string Trail = "infra/trail.yaml";
    public const string OrgCentralBus = "infra/org-central-bus.yaml";
    public const string MemberForwarder = "infra/member-forwarder.yaml";

    public const string EventPattern = "infra/event-pattern.json";
    public const string NetworkActivityEventPattern = "infra/network-activity-event-pattern.json";

    /// <summary>template.yaml plus every infra/*.yaml, found on disk so a new template is linted too.</summary>
    public static IEnumerable<string> All()
    {
        yield return Main;
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Combine("infra"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return "infra/" + Path.GetFileName(path);
        }
    }

    public static string FullPath(string relative) => RepoPaths.Combine(relative.Split('/'));

    public static string Script(string name) => RepoPaths.Combine("tests", "Template.Tests", "Scripts", name);

    public static string Fixture(string name) => RepoPaths.Combine("tests", "Template.Tests", "Fixtures", "EventPatterns", name);
}
