using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// `denied policies collect`: reads, with the caller's credentials, the policies that decide a role's access and
/// writes them as the files the offline options take: authorization-details.json (the shape of
/// `aws iam get-account-authorization-details`, restricted to the roles read), resource-policies.json (resource ARN →
/// policy document) and, with --organization, organization-policies.json (SCPs and RCPs with their targets and each
/// account's path from the root), with --authorization-id access-troubleshooter.json (what the IAM Access
/// Troubleshooter recorded for that denial), plus reads.json naming every read and what it found.
/// </summary>
public static class PoliciesCommand
{
    public const string AuthorizationDetailsFile = "authorization-details.json";
    public const string ResourcePoliciesFile = "resource-policies.json";
    public const string OrganizationPoliciesFile = "organization-policies.json";
    public const string ReadsFile = "reads.json";
    public const string AccessTroubleshooterFile = "access-troubleshooter.json";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public sealed record CollectOptions(
        IReadOnlyList<string> Roles, IReadOnlyList<string> Resources, bool Organization, string OutDirectory, AwsOptions Aws, string? AuthorizationId = null);

    public static Command Create()
    {
        var role = new Option<string[]>("--role") { Description = "a role ARN whose policies to read (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var resource = new Option<string[]>("--resource")
        {
            Description = "a resource ARN whose resource-based policy to read: bucket or object, KMS key, queue, topic, function, secret, table (repeat)",
        };
        var organization = new Option<bool>("--organization") { Description = "also read the SCPs and RCPs above each role's account (management or delegated administrator account)" };
        var authorizationId = new Option<string?>("--authorization-id")
        {
            Description = "the authorization ID an access-denied message ends with: capture what the IAM Access Troubleshooter recorded (within about 24 hours, in the denial's region)",
        };
        var output = new Option<string>("--out") { Description = "folder to write the files into (created if missing)", Required = true };
        var region = CommonOptions.Region();
        var profile = CommonOptions.Profile();
        var endpoint = CommonOptions.EndpointUrl();
        var collect = new Command("collect", "Read a role's policies, resources' policies and the organization's SCPs/RCPs into the files `denied explain` reads offline.")
        {
            role, resource, organization, authorizationId, output, region, profile, endpoint,
        };
        collect.SetAction((parse, ct) => CollectAsync(
            new CollectOptions(
                parse.GetValue(role) ?? [],
                parse.GetValue(resource) ?? [],
                parse.GetValue(organization),
                parse.GetValue(output)!,
                new AwsOptions(parse.GetValue(region), parse.GetValue(profile), parse.GetValue(endpoint)),
                parse.GetValue(authorizationId)),
            Console.Out,
            Console.Error,
            ct));
        return new Command("policies", "Policies for policy-aware diagnosis.") { collect };
    }

    public static async Task<int> CollectAsync(CollectOptions options, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } problem)
        {
            stderr.WriteLine("denied: " + problem);
            return ExitCodes.Usage;
        }

        PolicyReaderTarget target;
        try
        {
            target = PolicyReaderTarget.Resolve(options.Aws);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine("denied: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (RemoteIntakeException e)
        {
            stderr.WriteLine("denied: " + e.Message);
            return ExitCodes.AwsError;
        }

        try
        {
            Directory.CreateDirectory(options.OutDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"denied: cannot create {TextEscaping.PlainLine(options.OutDirectory)}: {TextEscaping.PlainLine(e.Message)}");
            return ExitCodes.Usage;
        }

        PolicyCollection collection;
        JsonObject? troubleshooter = null;
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            try
            {
                using var readers = new PolicyReaders(target.Region, target.Endpoint, http);
                collection = await readers.Collector.CollectAsync(options.Roles, options.Resources, options.Organization, ct).ConfigureAwait(false);
                if (options.AuthorizationId is { } id)
                {
                    var (capture, reads) = await new AccessTroubleshooterCapture(readers.AccessTroubleshooter).CaptureAsync(id, ct).ConfigureAwait(false);
                    troubleshooter = capture;
                    collection = collection with { Reads = [.. collection.Reads, .. reads] };
                }
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine("denied: " + TextEscaping.PlainLine(e.Message));
                return ExitCodes.Usage;
            }
        }

        Write(options.OutDirectory, AuthorizationDetailsFile, collection.AuthorizationDetails, stdout);
        Write(options.OutDirectory, ResourcePoliciesFile, collection.ResourcePolicies, stdout);
        if (collection.OrganizationPolicies is { } organization)
        {
            Write(options.OutDirectory, OrganizationPoliciesFile, organization, stdout);
        }

        if (troubleshooter is not null)
        {
            Write(options.OutDirectory, AccessTroubleshooterFile, troubleshooter, stdout);
        }

        Write(options.OutDirectory, ReadsFile, collection.ReadsJson(), stdout);
        var unread = collection.Reads.Where(x => x.Outcome is PolicyReadOutcome.Refused or PolicyReadOutcome.Failed).ToList();
        foreach (var read in unread)
        {
            var what = read.Name is null ? read.Arn : $"{read.Arn} ({read.Name})";
            stderr.WriteLine(
                $"denied: {read.Outcome.ToString().ToLowerInvariant()}: {read.Read} on {TextEscaping.PlainLine(what)}: {TextEscaping.PlainLine(read.Reason)}");
        }

        stdout.WriteLine(
            $"{collection.Reads.Count(x => x.Outcome == PolicyReadOutcome.Read)} read, {collection.Reads.Count(x => x.Outcome == PolicyReadOutcome.Absent)} absent, "
            + $"{unread.Count(x => x.Outcome == PolicyReadOutcome.Refused)} refused, {unread.Count(x => x.Outcome == PolicyReadOutcome.Failed)} failed");
        return unread.Count > 0 ? ExitCodes.AwsError : ExitCodes.Clean;
    }

    private static string? Validate(CollectOptions options)
    {
        if (options.Roles.Count == 0 && options.Resources.Count == 0 && !options.Organization && options.AuthorizationId is null)
        {
            return "nothing to collect: give --role, --resource, --organization or --authorization-id";
        }

        if (options.AuthorizationId is { } id && !AccessTroubleshooterClient.IsValidAuthorizationId(id))
        {
            return $"--authorization-id is 1 to 256 characters of 0-9 and a-z: {TextEscaping.PlainLine(id)}";
        }

        if (options.Organization && options.Roles.Count == 0)
        {
            return "--organization reads the policies above each --role's account: give at least one --role";
        }

        foreach (var role in options.Roles)
        {
            var parts = role.Split(':', 6);
            if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit)
                || !parts[5].StartsWith("role/", StringComparison.Ordinal) || parts[5].Length <= "role/".Length)
            {
                return $"--role is not a role ARN (arn:aws:iam::111122223333:role/NAME): {TextEscaping.PlainLine(role)}";
            }
        }

        foreach (var resource in options.Resources)
        {
            if (resource.Split(':', 6).Length != 6 || !resource.StartsWith("arn:", StringComparison.Ordinal))
            {
                return $"--resource is not an ARN: {TextEscaping.PlainLine(resource)}";
            }
        }

        return null;
    }

    private static void Write(string directory, string name, JsonObject document, TextWriter stdout)
    {
        var path = Path.Combine(directory, name);
        using (var file = File.Create(path))
        using (var writer = new Utf8JsonWriter(file, Indented))
        {
            document.WriteTo(writer);
        }

        stdout.WriteLine("wrote " + TextEscaping.PlainLine(path));
    }
}
