using Amazon.Runtime;

namespace Denied.AwsClients;

/// <summary>
/// Supplies the keys a request is signed with, fetched per request so refreshing credentials stay valid.
/// Production uses <see cref="DefaultAwsCredentialsSource"/>; tests pin keys with <see cref="StaticAwsCredentialsSource"/>.
/// </summary>
public interface AwsCredentialsSource
{
    Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken ct);
}
