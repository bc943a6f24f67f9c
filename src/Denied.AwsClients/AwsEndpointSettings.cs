namespace Denied.AwsClients;

/// <summary>
/// Where a hand-written client sends its requests. <paramref name="Region"/> is both the signing region
/// and part of the default endpoint (<c>https://{service}.{region}.amazonaws.com/</c>, <c>.amazonaws.com.cn</c>
/// in China regions). <paramref name="ServiceUrlOverride"/> replaces the endpoint (the CLI's
/// <c>--endpoint-url</c>, moto in tests); it must be an absolute http(s) URL without a path.
/// </summary>
public sealed record AwsEndpointSettings(string Region, Uri? ServiceUrlOverride)
{
    /// <summary>The root URL for <paramref name="service"/> (<c>sns</c>, <c>lambda</c>); throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public Uri EndpointFor(string service)
    {
        if (string.IsNullOrWhiteSpace(Region) || Region.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException($"Region must look like us-east-1, got '{Region}'.", nameof(Region));
        }

        if (ServiceUrlOverride is null)
        {
            var suffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            return new Uri($"https://{service}.{Region}.{suffix}/");
        }

        if (!ServiceUrlOverride.IsAbsoluteUri
            || (ServiceUrlOverride.Scheme != Uri.UriSchemeHttp && ServiceUrlOverride.Scheme != Uri.UriSchemeHttps)
            || ServiceUrlOverride.AbsolutePath != "/"
            || ServiceUrlOverride.Query.Length > 0)
        {
            throw new ArgumentException(
                $"ServiceUrlOverride must be an http(s) URL without a path or query, got '{ServiceUrlOverride}'.", nameof(ServiceUrlOverride));
        }

        return new Uri(ServiceUrlOverride.GetLeftPart(UriPartial.Authority) + "/");
    }
}
