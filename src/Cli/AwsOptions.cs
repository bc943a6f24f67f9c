using Amazon;
using Amazon.Runtime;

namespace Denied.Cli;

/// <summary>
/// Standard AWS SDK configuration for the CLI: --region, --profile and --endpoint-url override the usual
/// resolution (AWS_REGION, AWS_PROFILE, ~/.aws/config and credentials, instance and container roles).
/// </summary>
public sealed record AwsOptions(string? Region, string? Profile, string? EndpointUrl)
{
    /// <summary>
    /// Sets --profile as AWS_PROFILE, process-wide: the SDK's credential and region chains (and the hand-written
    /// clients' credentials, which use them) read the profile only from there.
    /// </summary>
    public void ApplyProfile()
    {
        if (Profile is { Length: > 0 } profile)
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", profile);
        }
    }

    /// <summary>Applies region and endpoint to a service config, and the profile (<see cref="ApplyProfile"/>).</summary>
    public T Configure<T>(T config) where T : ClientConfig
    {
        ApplyProfile();

        if (Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (EndpointUrl is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        }

        return config;
    }
}
