using System.Reflection;
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

    /// <summary>
    /// The repository root recorded at build time (see the csproj), else <see cref="RepoPaths.Root"/>:
    /// with --artifacts-path the test binaries live outside the repository, where RepoPaths cannot
    /// find Diagnostics.sln.
    /// </summary>
    public static string Root { get; } =
        typeof(TemplateFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot" && File.Exists(Path.Combine(a.Value ?? "", "Diagnostics.sln")))?.Value
        ?? RepoPaths.Root;

    /// <summary>template.yaml plus every infra/*.yaml, found on disk so a new template is linted too.</summary>
    public static IEnumerable<string> All()
    {
        yield return Main;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return "infra/" + Path.GetFileName(path);
        }
    }

    public static string FullPath(string relative) => Path.Combine([Root, .. relative.Split('/')]);

    public static string Script(string name) => Path.Combine(Root, "tests", "Template.Tests", "Scripts", name);

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Template.Tests", "Fixtures", "EventPatterns", name);
}
