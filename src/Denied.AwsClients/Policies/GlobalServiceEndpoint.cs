namespace Denied.AwsClients.Policies;

/// <summary>
/// Endpoint and signing region of the services with one endpoint per partition. IAM: <c>https://iam.amazonaws.com</c>
/// signed for us-east-1, <c>https://iam.cn-north-1.amazonaws.com.cn</c> for cn-north-1 (AWS General Reference, "AWS
/// Identity and Access Management endpoints and quotas"). Organizations: <c>https://organizations.us-east-1.amazonaws.com</c>
/// for us-east-1, <c>https://organizations.cn-northwest-1.amazonaws.com.cn</c> for cn-northwest-1 ("AWS Organizations
/// endpoints and quotas"). An endpoint override (moto, --endpoint-url) keeps the caller's region for signing.
/// </summary>
internal static class GlobalServiceEndpoint
{
    public static (Uri Endpoint, string SigningRegion) Iam(AwsEndpointSettings settings) =>
        Resolve(settings, "iam", china: ("https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1"), global: ("https://iam.amazonaws.com/", "us-east-1"));

    public static (Uri Endpoint, string SigningRegion) Organizations(AwsEndpointSettings settings) =>
        Resolve(
            settings,
            "organizations",
            china: ("https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1"),
            global: ("https://organizations.us-east-1.amazonaws.com/", "us-east-1"));

    private static (Uri, string) Resolve(AwsEndpointSettings settings, string service, (string Url, string Region) china, (string Url, string Region) global)
    {
        // EndpointFor validates the region and the override the same way for every client.
        var regional = settings.EndpointFor(service);
        if (settings.ServiceUrlOverride is not null)
        {
            return (regional, settings.Region);
        }

        var (url, region) = settings.Region.StartsWith("cn-", StringComparison.Ordinal) ? china : global;
        return (new Uri(url), region);
    }
}
