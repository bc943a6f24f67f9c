using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Denied.AwsClients;

/// <summary>
/// The smallest <see cref="ClientConfig"/> AWS4Signer accepts: it only reads the signing region and
/// service name from it (AWSSDK.Core 4: ClientConfig's protected constructor needs an IDefaultConfigurationProvider).
/// </summary>
internal sealed class AwsSigningConfig : ClientConfig
{
    private readonly string _service;

    public AwsSigningConfig(string region, string service)
        : base(new DefaultConfigurationProvider(
            [new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
    {
        _service = service;
        AuthenticationRegion = region;
        AuthenticationServiceName = service;
    }

    public override string ServiceVersion => "denied";

    public override string UserAgent => "denied";

    public override string RegionEndpointServiceName => _service;

    // Never called: the signer gets the service from AuthenticationServiceName and the request carries its endpoint.
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("Endpoints are resolved by AwsEndpointSettings.");
}
