using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Denied.AwsClients;

/// <summary>
/// The SDK's default chain (<see cref="DefaultAWSCredentialsIdentityResolver"/>): in Lambda, the
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN variables. Resolved on first use (no
/// I/O in the constructor), then asked for its current keys on every request so expiring credentials
/// refresh. Failure to find credentials surfaces as <see cref="AmazonClientException"/> from the first call.
/// </summary>
public sealed class DefaultAwsCredentialsSource(string region) : AwsCredentialsSource
{
    private readonly AwsSigningConfig _config = new(region, "sts");
    private AWSCredentials? _resolved;

    public async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken ct)
    {
        var credentials = _resolved;
        if (credentials is null)
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            credentials = await resolver.ResolveIdentityAsync(_config, ct).ConfigureAwait(false);
            _resolved = credentials;
        }

        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
