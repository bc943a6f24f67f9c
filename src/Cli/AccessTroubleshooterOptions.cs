using System.CommandLine;

namespace Denied.Cli;

/// <summary>
/// --access-troubleshooter on `explain`, with --profile and --endpoint-url for the calls it makes (the region is the
/// denial's: the Troubleshooter keeps each record in the region of the denial).
/// </summary>
public sealed class AccessTroubleshooterOptions
{
    private readonly Option<bool> _enabled = new("--access-troubleshooter")
    {
        Description = "for denials whose message carries an authorization ID (less than 24 hours old), ask the IAM Access Troubleshooter what AWS evaluated first (needs iam:GetRequestAuthorizationDetails, iam:GetRequestAuthorizationPolicy)",
    };

    private readonly Option<string?> _profile = CommonOptions.Profile();
    private readonly Option<string?> _endpoint = CommonOptions.EndpointUrl();

    public void AddTo(Command command)
    {
        command.Options.Add(_enabled);
        command.Options.Add(_profile);
        command.Options.Add(_endpoint);
    }

    /// <summary>The step, or null when --access-troubleshooter is not given.</summary>
    public AccessTroubleshooterStep? Step(ParseResult parse) => parse.GetValue(_enabled)
        ? AccessTroubleshooterStep.Create(new AwsOptions(null, parse.GetValue(_profile), parse.GetValue(_endpoint)), RemoteAws.Http, TimeProvider.System)
        : null;
}
