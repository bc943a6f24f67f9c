using System.CommandLine;
using Denied.Policies;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// --authorization-details, --resource-policies and --organization-policies on `explain` and `scan`: the policies
/// each denial is evaluated against, read offline; --read-policies reads them live instead, with the caller's
/// credentials. None given: no evaluation, the output is as without them. The files and --read-policies are two
/// sources of the same layers, so giving both is a usage error (exit 2) rather than a silent choice of one.
/// </summary>
public sealed class PolicyFileOptions
{
    private readonly Option<FileInfo?> _authorizationDetails = new("--authorization-details") { Description = "evaluate each denial against the roles' policies in this `aws iam get-account-authorization-details` output" };
    private readonly Option<FileInfo?> _resourcePolicies = new("--resource-policies") { Description = "and the resource policies in this JSON object from resource ARN to policy (`denied policies collect` writes one)" };
    private readonly Option<FileInfo?> _organizationPolicies = new("--organization-policies") { Description = "and the SCPs/RCPs in this file ({\"policies\":[...],\"accountPaths\":{...}}; `denied policies collect` writes one)" };
    private readonly Option<bool> _readPolicies = new("--read-policies")
    {
        Description = "evaluate each denial against its role's, resource's and organization's policies read now with your credentials (--region, --profile, --endpoint-url; each read once per run)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_authorizationDetails);
        command.Options.Add(_resourcePolicies);
        command.Options.Add(_organizationPolicies);
        command.Options.Add(_readPolicies);
    }

    /// <param name="aws">The command's --region/--profile/--endpoint-url, which --read-policies reads with.</param>
    public Files Read(ParseResult parse, AwsOptions aws) =>
        new(parse.GetValue(_authorizationDetails), parse.GetValue(_resourcePolicies), parse.GetValue(_organizationPolicies))
        {
            ReadPolicies = parse.GetValue(_readPolicies) ? aws : null,
        };

    /// <summary>The three files as given (each may be null).</summary>
    public sealed record Files(FileInfo? AuthorizationDetails, FileInfo? ResourcePolicies, FileInfo? OrganizationPolicies)
    {
        public static readonly Files None = new(null, null, null);

        /// <summary>With --read-policies: the AWS options to read the policies live with; null reads none.</summary>
        public AwsOptions? ReadPolicies { get; init; }

        /// <summary>
        /// The parsed policies, or null when no file was given; a file that cannot be read or parsed, or files given
        /// with --read-policies, throw <see cref="CliInputException"/> naming them.
        /// </summary>
        public PolicyFiles? Load()
        {
            var none = AuthorizationDetails is null && ResourcePolicies is null && OrganizationPolicies is null;
            if (!none && ReadPolicies is not null)
            {
                throw new CliInputException("--read-policies reads the policies that --authorization-details, --resource-policies and --organization-policies give offline: give one or the other");
            }

            if (none) return null;
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
