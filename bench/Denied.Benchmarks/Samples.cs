using System.Text;
using System.Text.Json.Nodes;

namespace Denied.Benchmarks;

/// <summary>The records the benchmarks feed: real-shaped CloudTrail from samples/events and the archive generator.</summary>
public static class Samples
{
    /// <summary>A successful call as bench/generate_archive.py writes it (about 930 bytes, typical of CloudTrail).</summary>
    public const string SuccessRecord =
        """{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA97CABB02ECEF853F","arn":"arn:aws:iam::111122223333:user/user29","accountId":"111122223333","userName":"user29"},"eventTime":"2026-10-01T02:36:46Z","eventSource":"logs.amazonaws.com","eventName":"CreateLogStream","awsRegion":"ap-southeast-2","sourceIPAddress":"10.8.79.178","userAgent":"aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.6","requestParameters":{"bucketName":"data-bucket","key":"objects/837c97b1e05b.json","tableName":"orders"},"responseElements":null,"requestID":"18a5a483-7a6a-a536-43ed-b32fbf73d76f","eventID":"8c7cba91-2a7a-1266-d66f-a0e4f9427bd3","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"logs.amazonaws.com"}}""";

    /// <summary>An EventBridge envelope of a Lambda role's S3 GetObject denial (samples/events), as the Detector receives it.</summary>
    public static string DenialEnvelope { get; } = Read("s3-getobject-identity-implicit.json");

    /// <summary>The bare record inside <see cref="DenialEnvelope"/>, as a log file holds it.</summary>
    public static string DenialRecord { get; } = JsonNode.Parse(DenialEnvelope)!["detail"]!.ToJsonString();

    /// <summary>The envelope with another eventID and event time, and optionally another function (another finding).</summary>
    public static string DenialEnvelopeFor(int eventNumber, int finding)
    {
        var envelope = JsonNode.Parse(DenialEnvelope)!.AsObject();
        var detail = envelope["detail"]!.AsObject();
        detail["eventID"] = $"bench-{eventNumber:D8}";
        detail["eventTime"] = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddSeconds(eventNumber).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (finding > 0)
        {
            // A different object key prefix is the same finding; a different bucket is another resource, so another finding.
            var bucket = $"acme-orders-{finding:D4}";
            detail["requestParameters"]!["bucketName"] = bucket;
            detail["errorMessage"] = detail["errorMessage"]!.GetValue<string>().Replace("acme-orders-prod", bucket, StringComparison.Ordinal);
            if (detail["resources"] is JsonArray resources)
            {
                foreach (var r in resources)
                {
                    if (r?["ARN"] is { } arn)
                    {
                        r["ARN"] = arn.GetValue<string>().Replace("acme-orders-prod", bucket, StringComparison.Ordinal);
                    }
                }
            }
        }

        return envelope.ToJsonString();
    }

    /// <summary>A CloudTrail log file body: {"Records":[...]} with <paramref name="count"/> copies of one record.</summary>
    public static byte[] LogFile(string record, int count) =>
        Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(',', Enumerable.Repeat(record, count)) + "]}");

    private static string Read(string name)
    {
        using var stream = typeof(Samples).Assembly.GetManifestResourceStream("events/" + name)
            ?? throw new InvalidOperationException($"embedded sample events/{name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
