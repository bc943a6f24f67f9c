using System.CommandLine;

namespace Denied.Cli;

/// <summary>
/// --access-troubleshooter on `explain`; the calls it makes use explain's --profile and --endpoint-url (the region is
/// the denial's: the Troubleshooter keeps each record in the region of the denial).
/// </summary>
public sealed class AccessTroubleshooterOptions
{
    private readonly Option<bool> _enabled = new("--access-troubleshooter")
    {
        Description = "for denials whose message carries an authorization ID (less than 24 hours old), ask the IAM Access Troubleshooter what AWS evaluated first (needs iam:GetRequestAuthorizationDetails, iam:GetRequestAuthorizationPolicy)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_enabled);
    }

    /// <summary>The step, or null when --access-troubleshooter is not given.</summary>
    public AccessTroubleshooterStep? Step(ParseResult parse, AwsOptions aws) => parse.GetValue(_enabled)
        ? AccessTroubleshooterStep.Create(aws with { Region = null }, RemoteAws.Http, TimeProvider.System)
        : null;
}
