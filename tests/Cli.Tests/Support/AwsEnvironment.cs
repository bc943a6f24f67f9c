namespace Cli.Tests.Support;

/// <summary>
/// Program environments with no AWS configuration at all (no region, no credentials, no profile files, no
/// instance metadata), as on a fresh laptop, and with one piece given back.
/// </summary>
public static class AwsEnvironment
{
    private static readonly string Empty = Path.Combine(Path.GetTempPath(), "denied-no-aws-config");

    public static Dictionary<string, string?> Nothing()
    {
        Directory.CreateDirectory(Empty);
        return new Dictionary<string, string?>
        {
            ["HOME"] = Empty,
            ["AWS_CONFIG_FILE"] = Path.Combine(Empty, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Empty, "credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_PROFILE"] = null,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
            ["AWS_ENDPOINT_URL"] = null,
            ["DENIED_TABLE"] = null,
        };
    }

    public static Dictionary<string, string?> RegionOnly()
    {
        var env = Nothing();
        env["AWS_REGION"] = "eu-west-1";
        return env;
    }

    public static Dictionary<string, string?> RegionAndKeys()
    {
        var env = RegionOnly();
        env["AWS_ACCESS_KEY_ID"] = "testing";
        env["AWS_SECRET_ACCESS_KEY"] = "testing";
        return env;
    }
}
