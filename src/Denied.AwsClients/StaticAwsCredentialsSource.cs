using Amazon.Runtime;

namespace Denied.AwsClients;

/// <summary>Fixed keys (tests, moto). A non-empty <paramref name="sessionToken"/> is sent as <c>X-Amz-Security-Token</c>.</summary>
public sealed class StaticAwsCredentialsSource(string accessKey, string secretKey, string? sessionToken = null) : AwsCredentialsSource
{
    private readonly ImmutableCredentials _credentials = new(accessKey, secretKey, sessionToken ?? string.Empty);

    public Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken ct) => Task.FromResult(_credentials);
}
