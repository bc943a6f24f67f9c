using System.Runtime.CompilerServices;
using System.Text.Json;
using Denied.Iam;
using Xunit.Abstractions;

namespace Denied.Core.Tests.Iam;

/// <summary>
/// Compares a sample of the embedded catalog with the Service Authorization Reference dump kept
/// beside the repository (shared/data/iam/service-authorization.json, a later release of the same
/// package). Machines without that folder pass without comparing: it is reference data, not a
/// build input. Actions whose resource types changed between the two releases (events:PutEvents
/// gained "event-busv2") are left out of the sample.
/// </summary>
public sealed class ServiceAuthorizationComparisonTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonDocument?> Reference = new(Load);

    [Theory]
    [InlineData("s3", "getobject")]
    [InlineData("s3", "listbucket")]
    [InlineData("s3", "putobject")]
    [InlineData("s3", "listallmybuckets")]
    [InlineData("kms", "decrypt")]
    [InlineData("kms", "generatedatakey")]
    [InlineData("lambda", "invokefunction")]
    [InlineData("lambda", "getlayerversion")]
    [InlineData("sqs", "sendmessage")]
    [InlineData("sqs", "receivemessage")]
    [InlineData("sns", "publish")]
    [InlineData("dynamodb", "query")]
    [InlineData("dynamodb", "putitem")]
    [InlineData("secretsmanager", "getsecretvalue")]
    [InlineData("ssm", "getparameter")]
    [InlineData("logs", "putlogevents")]
    [InlineData("logs", "createloggroup")]
    [InlineData("xray", "puttracesegments")]
    [InlineData("ec2", "describeinstances")]
    [InlineData("iam", "passrole")]
    [InlineData("states", "startexecution")]
    public void ActionMatchesTheServiceAuthorizationReference(string prefix, string lowerName)
    {
        if (Reference.Value is not { } reference)
        {
            output.WriteLine("shared/data/iam/service-authorization.json not found: nothing to compare");
            return;
        }

        var service = reference.RootElement.GetProperty(prefix);
        var expected = service.GetProperty("actions").GetProperty(lowerName);
        var action = IamCatalog.Default.FindAction(prefix, lowerName);

        Assert.NotNull(action);
        Assert.Equal(expected.GetProperty("name").GetString(), action.Name);
        var expectedTypes = expected.GetProperty("resourceTypes").EnumerateArray()
            .Select(t =>
            {
                var name = t.GetProperty("name").GetString()!;
                var arn = service.GetProperty("resourceTypes").GetProperty(name.ToLowerInvariant()).GetProperty("arn").GetString()!;
                return new IamResourceType(name, arn, t.GetProperty("required").GetBoolean());
            })
            .ToList();
        Assert.Equal(expectedTypes, action.ResourceTypes);
    }

    private static JsonDocument? Load()
    {
        var path = ReferencePath();
        return path is not null && File.Exists(path) ? JsonDocument.Parse(File.ReadAllBytes(path)) : null;
    }

    // From this source file's own path: the test binaries may be built under any --artifacts-path.
    private static string? ReferencePath([CallerFilePath] string sourceFile = "")
    {
        for (var dir = Path.GetDirectoryName(sourceFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Diagnostics.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "iam", "service-authorization.json"));
            }
        }

        return null;
    }
}
