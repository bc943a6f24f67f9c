using System.CommandLine;
using Denied.Policies;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// --authorization-details, --resource-policies and --organization-policies on `explain` and `scan`: the policies
/// each denial is evaluated against, read offline. None given: no evaluation, the output is as without them.
/// </summary>
public sealed class PolicyFileOptions
{
    private readonly Option<FileInfo?> _authorizationDetails = new("--authorization-details") { Description = "evaluate each denial against the roles' policies in this `aws iam get-account-authorization-details` output" };
    private readonly Option<FileInfo?> _resourcePolicies = new("--resource-policies") { Description = "and the resource policies in this JSON object from resource ARN to policy (`denied policies collect` writes one)" };
    private readonly Option<FileInfo?> _organizationPolicies = new("--organization-policies") { Description = "and the SCPs/RCPs in this file ({\"policies\":[...],\"accountPaths\":{...}}; `denied policies collect` writes one)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_authorizationDetails);
        command.Options.Add(_resourcePolicies);
        command.Options.Add(_organizationPolicies);
    }

    public Files Read(ParseResult parse) => new(parse.GetValue(_authorizationDetails), parse.GetValue(_resourcePolicies), parse.GetValue(_organizationPolicies));

    /// <summary>The three files as given (each may be null).</summary>
    public sealed record Files(FileInfo? AuthorizationDetails, FileInfo? ResourcePolicies, FileInfo? OrganizationPolicies)
    {
        public static readonly Files None = new(null, null, null);

        /// <summary>The parsed policies, or null when no file was given; a file that cannot be read or parsed throws <see cref="CliInputException"/> naming it.</summary>
        public PolicyFiles? Load()
        {
            if (AuthorizationDetails is null && ResourcePolicies is null && OrganizationPolicies is null) return null;
            return new PolicyFiles(
                Parse(AuthorizationDetails, "--authorization-details", AuthorizationDetailsParser.Parse),
                Parse(ResourcePolicies, "--resource-policies", ResourcePoliciesParser.Parse),
                Parse(OrganizationPolicies, "--organization-policies", OrganizationPoliciesParser.Parse));
        }

        private static T? Parse<T>(FileInfo? file, string option, Func<string, T> parse)
            where T : class
        {
            if (file is null) return null;
            try
            {
                return parse(File.ReadAllText(file.FullName));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PolicyFormatException)
            {
                throw new CliInputException($"{option} {TextEscaping.PlainLine(file.FullName)}: {TextEscaping.PlainLine(e.Message)}");
            }
        }
    }
}
