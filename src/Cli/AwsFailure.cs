using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>
/// One line for a failed AWS call: what failed, against which table, bucket or endpoint, and the likely cause
/// with how to fix it. Configuration problems (no region, no credentials) are named as such, never as a
/// "transient" failure to retry, and no stack trace reaches the user.
/// </summary>
public static class AwsFailure
{
    /// <summary>True for the exceptions an AWS call can end in; anything else is a bug and is not hidden.</summary>
    public static bool IsAwsFailure(Exception e) =>
        e is AmazonClientException or AmazonServiceException or FindingStoreException or FindingTableMismatchException
            or HttpRequestException or SocketException or TaskCanceledException { InnerException: TimeoutException };

    /// <param name="what">The call, e.g. "DynamoDB query on table denied-findings" or "S3 list of s3://bucket/prefix".</param>
    public static string Describe(string what, AwsOptions aws, Exception e)
    {
        var endpoint = aws.EndpointUrl is { Length: > 0 } url ? $" at {TextEscaping.PlainLine(url, 200)}" : "";
        return $"denied: {what}{endpoint} failed: {Cause(e, aws)}";
    }

    /// <summary>The likely cause and what to do about it, from the innermost exception that says.</summary>
    public static string Cause(Exception e, AwsOptions aws)
    {
        if (e is FindingTableMismatchException)
        {
            return TextEscaping.PlainLine(e.Message, 400);
        }

        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case AmazonServiceException s:
                    return ServiceCause(s);
                case HttpRequestException or SocketException or TaskCanceledException { InnerException: TimeoutException }:
                    return $"the endpoint is unreachable ({TextEscaping.PlainLine(Innermost(x).Message, 200)}); check --endpoint-url, the network or a proxy";
                case AmazonClientException c when IsNoRegion(c):
                    return "no AWS region is configured: pass --region, set AWS_REGION, or give the profile a region (`aws configure set region eu-west-1`)";
                case AmazonClientException c when IsNoCredentials(c):
                    return "no AWS credentials were found: pass --profile or set AWS_PROFILE, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or sign in (`aws sso login`)"
                        + (aws.Profile is { Length: > 0 } p ? $" (profile '{TextEscaping.PlainLine(p, 80)}' gave none)" : "");
            }
        }

        return TextEscaping.PlainLine(Innermost(e).Message, 400);
    }

    private static string ServiceCause(AmazonServiceException s)
    {
        var code = TextEscaping.PlainLine(s.ErrorCode ?? s.StatusCode.ToString(), 80);
        return s.ErrorCode switch
        {
            "ResourceNotFoundException" => $"the table does not exist in this account and region ({code}); deploy the stack, pass --table NAME or --stack NAME, or check --region",
            "NoSuchBucket" => $"the bucket does not exist ({code}); check the name and --region",
            "UnrecognizedClientException" or "InvalidClientTokenId" or "InvalidAccessKeyId" or "SignatureDoesNotMatch"
                => $"the credentials are not valid ({code}); check the profile or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired"
                => $"the credentials have expired ({code}); sign in again (`aws sso login`) or refresh them",
            _ when s.StatusCode == HttpStatusCode.Forbidden || (s.ErrorCode?.Contains("AccessDenied", StringComparison.Ordinal) ?? false)
                => $"access denied ({code}): the caller's policies do not allow this call: {TextEscaping.PlainLine(s.Message, 300)}",
            _ => $"{code}: {TextEscaping.PlainLine(s.Message, 300)}",
        };
    }

    // The SDK names both in its exception text only: "No RegionEndpoint or ServiceURL configured", "Failed to resolve AWS credentials".
    private static bool IsNoRegion(AmazonClientException e) => e.Message.Contains("RegionEndpoint", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("No region", StringComparison.OrdinalIgnoreCase);

    private static bool IsNoCredentials(AmazonClientException e) => e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
