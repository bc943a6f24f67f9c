using Amazon.Runtime;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// The region and endpoint override the policy readers use, from --region/--profile/--endpoint-url and the SDK's
/// usual resolution (AWS_REGION, the profile's region). The profile is applied process-wide, as the SDK's
/// credential and region chains read it. A missing region or a malformed endpoint is a <see cref="CliInputException"/>.
/// </summary>
public sealed record PolicyReaderTarget(string Region, Uri? Endpoint)
{
    public static PolicyReaderTarget Resolve(AwsOptions aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        if (aws.Profile is { Length: > 0 } profile)
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", profile);
        }

        var region = aws.Region is { Length: > 0 } r ? r : FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        if (region is null)
        {
            throw new CliInputException("no AWS region: give --region or set AWS_REGION");
        }

        Uri? endpoint = null;
        if (aws.EndpointUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out endpoint))
        {
            throw new CliInputException($"--endpoint-url is not an absolute URL: {TextEscaping.PlainLine(url)}");
        }

        return new PolicyReaderTarget(region, endpoint);
    }
}
