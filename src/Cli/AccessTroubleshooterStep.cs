using Denied.AwsClients.Policies;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Principals;

namespace Denied.Cli;

/// <summary>
/// `explain --access-troubleshooter`: each denial whose message carries an authorization ID and that is less than 24
/// hours old is first evaluated by the IAM Access Troubleshooter (<see cref="AccessTroubleshooterEvaluation"/>), in the
/// denial's region; that evaluation (source "access-troubleshooter") then decides the layer and the fix. When it is not
/// asked or gives nothing, the diagnosis is the usual one (with the policy files, if given) plus a note saying why.
/// </summary>
public sealed class AccessTroubleshooterStep(AccessTroubleshooterEvaluation troubleshooter)
{
    private Diagnoser? _plain;

    /// <summary>Asks AWS with the default credential chain (--profile applied), at --endpoint-url when given.</summary>
    public static AccessTroubleshooterStep Create(AwsOptions aws, HttpClient http, TimeProvider clock)
    {
        var clients = new Dictionary<string, AccessTroubleshooterClient>(StringComparer.Ordinal);
        return new AccessTroubleshooterStep(new AccessTroubleshooterEvaluation(
            region =>
            {
                lock (clients)
                {
                    if (!clients.TryGetValue(region, out var client))
                    {
                        client = new AccessTroubleshooterClient(RemoteAws.Endpoint(aws, region), http, RemoteAws.Credentials(aws, region), clock);
                        clients[region] = client;
                    }

                    return client;
                }
            },
            clock));
    }

    /// <param name="usual">The diagnosis when the Troubleshooter gives nothing (it may evaluate policy files or live reads).</param>
    public Diagnosis Diagnose(CloudTrailRecord record, FunctionInventory? inventory, Func<CloudTrailRecord, Diagnosis> usual)
    {
        ArgumentNullException.ThrowIfNull(usual);
        _plain ??= new Diagnoser(IamCatalog.Default, inventory);
        var diagnosis = _plain.Diagnose(record);
        if (!diagnosis.Denied) return usual(record);

        AccessTroubleshooterOutcome outcome;
        try
        {
            outcome = troubleshooter.EvaluateAsync(diagnosis, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            // A region or --endpoint-url the client refuses: the Troubleshooter cannot be asked (AWS failures are notes already).
            outcome = new AccessTroubleshooterOutcome(null, [], $"The IAM Access Troubleshooter was not used: {e.Message}", [], []);
        }

        if (outcome.Evaluation is null)
        {
            var fallback = usual(record);
            return fallback with { Notes = [.. fallback.Notes, outcome.Note!] };
        }

        var evaluated = Diagnoser.WithEvaluation(diagnosis, record, outcome.Evaluation, outcome.Documents);
        return evaluated with { Notes = [.. evaluated.Notes, .. outcome.Notes] };
    }
}
