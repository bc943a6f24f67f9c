using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// The region and endpoint override the policy readers use, from --region/--profile/--endpoint-url and the SDK's
/// usual resolution (AWS_REGION, the profile's region). The profile is applied process-wide, as the SDK's
/// credential and region chains read it. A missing region is an AWS configuration failure
/// (<see cref="RemoteIntakeException"/>, exit 4, worded as for every other AWS command); a malformed endpoint is a
/// <see cref="CliInputException"/> (exit 2).
/// </summary>
public sealed record PolicyReaderTarget(string Region, Uri? Endpoint)
{
    public static PolicyReaderTarget Resolve(AwsOptions aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var region = RemoteAws.Region(aws); // applies the profile too
        Uri? endpoint = null;
        if (aws.EndpointUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out endpoint))
        {
            throw new CliInputException($"--endpoint-url is not an absolute URL: {TextEscaping.PlainLine(url)}");
        }

        return new PolicyReaderTarget(region, endpoint);
    }
}
