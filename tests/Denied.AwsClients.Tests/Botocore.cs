using System.Text.Json.Nodes;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests;

/// <summary>
/// Asks botocore (Scripts/botocore_sign.py, the machine's python3) for the Authorization header of a captured
/// request (the script is copied to the output folder): same method, URL, headers and body, same keys and instant. Authorization, X-Amz-Date and
/// X-Amz-Security-Token are left out because botocore adds them; Content-Length belongs to the transport.
/// </summary>
public static class Botocore
{
    private static readonly HashSet<string> AddedByBotocore = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "Content-Length",
    };

    public static async Task<string> AuthorizationAsync(
        CapturedRequest request, string region, string service, string accessKey, string secretKey, string? token, DateTimeOffset signedAt)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers.Where(h => !AddedByBotocore.Contains(h.Key)))
        {
            headers[name] = value;
        }

        var spec = new JsonObject
        {
            ["method"] = request.Method,
            ["url"] = request.Uri.AbsoluteUri,
            ["headers"] = headers,
            ["body_base64"] = Convert.ToBase64String(request.Body),
            ["region"] = region,
            ["service"] = service,
            ["access_key"] = accessKey,
            ["secret_key"] = secretKey,
            ["token"] = token,
            ["signed_at"] = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        // Copied next to the test assembly, so it is found with any --artifacts-path.
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "botocore_sign.py");
        var (exit, stdout, stderr) = await Python.RunAsync([script], spec.ToJsonString());
        Assert.True(exit == 0, "botocore_sign.py failed: " + stderr);
        return stdout.Trim();
    }
}
