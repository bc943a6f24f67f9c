using Xunit;

namespace Denied.TestSupport;

/// <summary>Runs a boto3 snippet against the moto server: <c>kw</c> holds endpoint, region and dummy keys; argv[1] is the endpoint.</summary>
public static class MotoPython
{
    private const string Prelude = """
        import sys, json, boto3
        kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")

        """;

    public static async Task<string> RunAsync(MotoServer moto, string snippet)
    {
        var (exit, stdout, stderr) = await Python.RunAsync(["-c", Prelude + snippet, moto.EndpointUrl]);
        Assert.True(exit == 0, "boto3 snippet failed: " + stderr);
        return stdout.Trim();
    }
}
