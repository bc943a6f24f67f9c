using Denied.AwsClients;

namespace Denied.Cli;

/// <summary>What the hand-written clients need from the CLI's AWS options: the regions to call, endpoint, credentials and one HttpClient.</summary>
public static class RemoteAws
{
    /// <summary>Shared by every client of a run; 60 s bounds each attempt (the clients retry).</summary>
    public static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>--region, else the SDK's usual resolution (AWS_REGION, AWS_DEFAULT_REGION, the profile's region); none is an AWS configuration failure (exit 4), as for the SDK clients.</summary>
    public static string Region(AwsOptions aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        aws.ApplyProfile(); // the profile's region is read from AWS_PROFILE's profile
        return aws.Region is { Length: > 0 } region ? region
            : Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint()?.SystemName
            ?? throw new RemoteIntakeException("no AWS region is configured: pass --region, set AWS_REGION, or give the profile a region (`aws configure set region eu-west-1`)");
    }

    public static AwsEndpointSettings Endpoint(AwsOptions aws, string region) =>
        new(region, aws.EndpointUrl is { Length: > 0 } url ? new Uri(url) : null);

    public static AwsCredentialsSource Credentials(AwsOptions aws, string region)
    {
        ArgumentNullException.ThrowIfNull(aws);
        aws.ApplyProfile();
        return new DefaultAwsCredentialsSource(region);
    }
}
