using System.Globalization;
using Denied.Classification;
using Denied.CloudTrail;

namespace Denied.Diagnostics;

/// <summary>
/// What a plain S3 "Access Denied" says by its date. Starting on August 21, 2024, S3 gives same-account requests
/// (later also same-organization requests) the enhanced message that names the policy type (S3 UG "Troubleshoot
/// access denied (403 Forbidden) errors"). A plain message recorded since then therefore points at a caller outside
/// the bucket owner's account or organization, or at anonymous access; before that date it says nothing.
/// </summary>
internal static class PlainS3Denial
{
    private static readonly DateTimeOffset EnhancedSince = new(2024, 8, 21, 0, 0, 0, TimeSpan.Zero);

    public static bool PointsOutside(CloudTrailRecord record, ParsedDenialMessage? message) =>
        message?.Shape == MessageShape.PlainAccessDenied
        && record.EventSource == "s3.amazonaws.com"
        && DateTimeOffset.TryParse(record.EventTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
        && time >= EnhancedSince;
}
