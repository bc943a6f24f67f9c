using System.Globalization;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Asks the IAM Access Troubleshooter what AWS evaluated for one diagnosed denial and reads the answer as an
/// evaluation (source "access-troubleshooter", <see cref="TroubleshooterEvaluation"/>). Nothing is asked when the
/// diagnosis has no authorization ID of the documented form, names no region (the service is regional: the record is
/// in the denial's region), or is older than <see cref="Window"/> (records are kept "for at least 24 hours after the
/// denial", IAM User Guide, troubleshoot_access-denied-authorization-id). Otherwise GetRequestAuthorizationDetails is
/// called (not-found is retried with growing delays up to the client's bound: records are written asynchronously),
/// then GetRequestAuthorizationPolicy for at most <see cref="MaxPolicyDocuments"/> of the policies it names.
/// <para>
/// Never throws for AWS's answer: a skip, a refusal (no iam:GetRequestAuthorizationDetails), not-found after the
/// retries, throttling beyond the retries or a reply that cannot be read gives an outcome without evaluation whose
/// <see cref="AccessTroubleshooterOutcome.Note"/> says what happened, so the caller falls back to its own evaluation or
/// the message alone. Tested against a loopback server serving the documented reply shapes (no emulator has the service).
/// </para>
/// </summary>
/// <param name="clientFor">The client for a region (the denial's).</param>
public sealed class AccessTroubleshooterEvaluation(Func<string, AccessTroubleshooterClient> clientFor, TimeProvider clock)
{
    /// <summary>How old a denial may be and still be asked about: the documented 24 hours.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>At most this many captured policy documents are asked for per denial (the matched policies first).</summary>
    public const int MaxPolicyDocuments = 10;

    public async Task<AccessTroubleshooterOutcome> EvaluateAsync(Diagnosis diagnosis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        if (Skip(diagnosis) is { } reason) return AccessTroubleshooterOutcome.Without(reason, []);

        var id = diagnosis.AuthorizationId!;
        var (capture, reads) = await new AccessTroubleshooterCapture(clientFor(diagnosis.Region!)).CaptureAsync(id, ct, MaxPolicyDocuments).ConfigureAwait(false);
        if (capture is null)
        {
            var read = reads.FirstOrDefault();
            var what = read?.Outcome == PolicyReadOutcome.Refused ? "the credentials may not call iam:GetRequestAuthorizationDetails" : "iam:GetRequestAuthorizationDetails failed";
            return AccessTroubleshooterOutcome.Without($"{what} for authorization ID {id} in {diagnosis.Region} ({read?.Reason})", reads);
        }

        var reading = TroubleshooterEvaluation.Read(capture.ToJsonString(), diagnosis.FixRequest?.Action, diagnosis.FixRequest?.Resource);
        if (reading.Evaluation is null) return AccessTroubleshooterOutcome.Without($"its record for authorization ID {id} could not be read: {reading.Failure}", reads);

        var notes = reading.Notes.ToList();
        var unread = reads.Where(r => r.Read == "iam:GetRequestAuthorizationPolicy" && r.Outcome != PolicyReadOutcome.Read).ToList();
        if (unread.Count > 0)
            notes.Add($"The IAM Access Troubleshooter's captured document of {string.Join(", ", unread.Select(r => r.Arn))} could not be read ({unread[0].Reason}): its statements are named by Sid only.");
        var listed = capture["policies"]?.AsArray().Count ?? 0;
        var asked = reads.Count(r => r.Read == "iam:GetRequestAuthorizationPolicy");
        if (listed > asked)
            notes.Add($"The IAM Access Troubleshooter names {listed} policies; the documents of {asked} were asked for (at most {MaxPolicyDocuments}, the matched ones first).");
        return new AccessTroubleshooterOutcome(reading.Evaluation, reading.Documents, null, notes, reads);
    }

    /// <summary>Why the Troubleshooter is not asked about this diagnosis, or null when it is.</summary>
    public string? Skip(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        if (diagnosis.AuthorizationId is not { } id) return "the message carries no authorization ID";
        if (!AccessTroubleshooterClient.IsValidAuthorizationId(id)) return "the message's authorization ID is not of the documented form (0-9 and a-z)";
        if (diagnosis.Region is not { Length: > 0 }) return "the record names no region, and the Troubleshooter keeps its records in the denial's region";
        if (DateTimeOffset.TryParse(diagnosis.EventTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && clock.GetUtcNow() - at > Window)
            return $"the denial at {diagnosis.EventTime} is more than 24 hours old, and the Troubleshooter keeps its records for about 24 hours";
        return null;
    }
}
