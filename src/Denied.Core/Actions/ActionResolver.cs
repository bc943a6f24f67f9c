using Denied.CloudTrail;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Actions;

/// <summary>
/// Works out the IAM action a denied record was checked against: the action the enhanced error message names wins; otherwise eventSource maps
/// to the IAM prefix and eventName to the action through <see cref="EventNameMappings"/>. Either way
/// the result is checked against the <see cref="IamCatalog"/>: an action IAM does not define is never
/// returned, and the casing is always the documented one.
/// </summary>
public static class ActionResolver
{
    public const string FromMessage = "message";
    public const string FromEventName = "event-name";
    public const string Unknown = "unknown";

    /// <param name="record">The denied CloudTrail record.</param>
    /// <param name="messageAction">The action parsed from the error message, any casing ("SNS:Publish"), or null.</param>
    /// <param name="catalog">The IAM catalog, usually <see cref="IamCatalog.Default"/>.</param>
    public static ActionResolution Resolve(CloudTrailRecord record, string? messageAction, IamCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(catalog);
        var notes = new List<string>();

        if (!string.IsNullOrWhiteSpace(messageAction))
        {
            // AWS names the one action it evaluated; a wildcard there ("s3:*") is no action, and the record was altered.
            // The event name's action is not put in its place: a record that lies in one field is no witness for a grant.
            if (IamLiteral.HasWildcard(messageAction))
            {
                var eventAction = EventAction(record, catalog);
                notes.Add($"the message names the action {messageAction}, which holds a wildcard: AWS names the one action it evaluated, so the record was altered; the action is not determined"
                    + (eventAction is null ? "" : $" (the call {record.EventName} maps to {eventAction.FullName})"));
                return new ActionResolution(null, Unknown, notes);
            }

            if (catalog.FindAction(messageAction.Trim()) is { } named)
            {
                return new ActionResolution(named.FullName, FromMessage, notes);
            }

            // A newer action than the data, or a misparsed message: say so, then try the event name.
            notes.Add($"unknown action: {messageAction} is not an IAM action");
        }

        var mapped = FromEvent(record, catalog, notes);
        return mapped is null
            ? new ActionResolution(null, Unknown, notes)
            : new ActionResolution(mapped.FullName, FromEventName, notes);
    }

    /// <summary>The action eventSource + eventName map to, ignoring the message; null when they map to none.</summary>
    internal static IamAction? EventAction(CloudTrailRecord record, IamCatalog catalog) => FromEvent(record, catalog, []);

    private static IamAction? FromEvent(CloudTrailRecord record, IamCatalog catalog, List<string> notes)
    {
        if (string.IsNullOrWhiteSpace(record.EventSource) || string.IsNullOrWhiteSpace(record.EventName))
        {
            notes.Add("the record has no eventSource or eventName to map to an IAM action");
            return null;
        }

        if (catalog.ServicePrefixForEventSource(record.EventSource) is not { } prefix)
        {
            notes.Add($"unknown event source: {record.EventSource} maps to no IAM service prefix");
            return null;
        }

        var eventName = EventNameVersionSuffix.Strip(record.EventName.Trim());
        string actionName;
        if (PartiQlActions.Applies(prefix, eventName))
        {
            if (PartiQlActions.ActionName(record.RequestParameters) is not { } partiQl)
            {
                notes.Add($"{eventName} is authorised as dynamodb:PartiQLSelect/Insert/Update/Delete by statement verb, and the record does not show one verb");
                return null;
            }

            actionName = partiQl;
        }
        else if (TransactWriteActions.Applies(prefix, eventName))
        {
            var (first, others) = TransactWriteActions.ActionNames(record.RequestParameters);
            if (first is null)
            {
                notes.Add($"{eventName} is authorised per item as dynamodb:PutItem, UpdateItem, DeleteItem or ConditionCheckItem, and the record does not show the items");
                return null;
            }

            actionName = first;
            if (others.Count > 0)
            {
                notes.Add($"the transaction's first item needs dynamodb:{first}; its other items also need {string.Join(", ", others.Select(o => "dynamodb:" + o))}");
            }
        }
        else if (EventNameMappings.Find(prefix, eventName) is { } row)
        {
            actionName = row.ActionName;
            if (row.Note is not null)
            {
                notes.Add(row.Note);
            }
        }
        else
        {
            actionName = eventName;
        }

        if (S3VersionedActions.ActionName(prefix, eventName, record.RequestParameters) is { } versioned)
        {
            actionName = versioned;
            notes.Add(S3VersionedActions.Note(eventName, versioned));
        }

        var action = catalog.FindAction(prefix, actionName);
        if (action is null)
        {
            notes.Add($"unknown action: {prefix}:{actionName} is not an IAM action");
        }

        return action;
    }
}
