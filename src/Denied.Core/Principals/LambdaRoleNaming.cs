using System.Text.RegularExpressions;

namespace Denied.Principals;

/// <summary>
/// Record-only evidence for functions whose SDK sends no exec-env/AWS_Lambda_ user agent: Lambda does not set
/// AWS_EXECUTION_ENV on OS-only runtimes (provided.al2023: Go, Rust, .NET Native AOT), so a session there is
/// known only by its name. The execution role's name, written by the tool that made the function, pairs with
/// the session (= function) name in a few well-known ways; a human or a tool on such a role uses its own name.
/// A hint, never proof: the inventory (--functions, or the Detector's ListFunctions) stays the authority.
/// </summary>
internal static partial class LambdaRoleNaming
{
    private static readonly string[] NotExecutionRolePrefixes =
        ["AWSReservedSSO_", "AWSServiceRole", "OrganizationAccountAccessRole", "cdk-hnb659fds-"];

    /// <summary>The convention that pairs <paramref name="roleArn"/> with session <paramref name="session"/>, or null.</summary>
    public static string? Convention(string? roleArn, string? session)
    {
        if (roleArn is null || session is null || !FunctionName().IsMatch(session) || NotAFunctionSession().IsMatch(session))
        {
            return null;
        }

        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        // IAM caps a role name at 64 characters; a longer one is not a real record and is not worth a regex.
        if (roleName.Length is 0 or > 64 || NotExecutionRolePrefixes.Any(p => roleName.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        if (ConsoleRole().Match(roleName) is { Success: true } console && console.Groups["function"].Value == session)
        {
            return "the Lambda console's default role name {function}-role-xxxxxxxx";
        }

        if (StackSuffix().Match(session) is { Success: true } stack)
        {
            // CloudFormation names a function {stack}-{LogicalId}-{RANDOM} and its SAM role {stack}-{LogicalId}Role-{RANDOM};
            // CDK adds an 8-hex construct hash: {stack}-{Id}{HASH}-{RANDOM} and {stack}-{Id}ServiceRole{HASH}-{RANDOM}.
            var stem = stack.Groups["stem"].Value;
            if (roleName.StartsWith(stem + "Role", StringComparison.Ordinal))
            {
                return "CloudFormation/SAM's generated names {stack}-{Function}-… and {stack}-{Function}Role-…";
            }

            if (CdkHash().Match(stem) is { Success: true } cdk && roleName.StartsWith(cdk.Groups["id"].Value + "ServiceRole", StringComparison.Ordinal))
            {
                return "CDK's generated names {stack}-{Id}{hash}-… and {stack}-{Id}ServiceRole{hash}-…";
            }
        }

        if (ServerlessRole().Match(roleName) is { Success: true } serverless
            && session.StartsWith(serverless.Groups["prefix"].Value + "-", StringComparison.Ordinal))
        {
            return "the Serverless Framework's shared role {service}-{stage}-{region}-lambdaRole and function {service}-{stage}-{name}";
        }

        if (session.Length >= 3 && roleName.Length > session.Length && roleName.StartsWith(session, StringComparison.Ordinal)
            && roleName[session.Length] is '-' or '_' or 'R' or 'r' or 'E' or 'e')
        {
            return "a role named after the function ({function}-role, {function}-exec...)";
        }

        return roleName.Contains("lambda", StringComparison.OrdinalIgnoreCase)
            ? "a role whose name says it is for Lambda"
            : null;
    }

    // Lambda's own rule for a function name.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();

    // Sessions that other callers open on a role: EC2 instances, ECS tasks, SDK defaults, numbers.
    [GeneratedRegex("^(?:i-[0-9a-f]{8,17}|[0-9a-f]{32}|botocore-session-[0-9]+|aws-go-sdk-[0-9]+|aws-sdk-[a-z]+-[0-9]+|[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NotAFunctionSession();

    [GeneratedRegex("^(?<function>[A-Za-z0-9_-]{1,64})-role-[a-z0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConsoleRole();

    [GeneratedRegex("^(?<stem>.+-.+)-[A-Za-z0-9]{8,13}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackSuffix();

    [GeneratedRegex("^(?<id>.+)[0-9A-F]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex CdkHash();

    [GeneratedRegex("^(?<prefix>.+)-[a-z]{2}(?:-[a-z]+)+-[0-9]-lambdaRole$", RegexOptions.CultureInvariant)]
    private static partial Regex ServerlessRole();
}
