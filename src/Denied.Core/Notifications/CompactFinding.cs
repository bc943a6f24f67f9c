using Denied.Findings;
using Denied.Remediation;

namespace Denied.Notifications;

/// <summary>
/// A finding shrunk for a notification that would not fit SNS's message size: every string cut to a bound,
/// snippets dropped (the CLI and the table keep them), lists capped. Identity fields keep their stored id, so
/// subscribers can still look the whole finding up.
/// </summary>
internal static class CompactFinding
{
    private const int MaxList = 5;

    public static Finding Of(Finding f, int maxString)
    {
        string C(string v) => NotificationFacts.Cut(v, maxString);
        string? N(string? v) => v is null ? null : C(v);
        var d = f.Diagnosis;
        var diagnosis = d with
        {
            EventId = N(d.EventId),
            EventTime = N(d.EventTime),
            Account = N(d.Account),
            Region = N(d.Region),
            EventSource = N(d.EventSource),
            EventName = N(d.EventName),
            ErrorCode = N(d.ErrorCode),
            ErrorMessage = N(d.ErrorMessage),
            UserAgent = N(d.UserAgent),
            Principal = d.Principal with
            {
                Arn = N(d.Principal.Arn),
                RoleArn = N(d.Principal.RoleArn),
                FunctionName = N(d.Principal.FunctionName),
                SessionName = N(d.Principal.SessionName),
                AttributionEvidence = N(d.Principal.AttributionEvidence),
            },
            Function = d.Function is { } fn ? new Diagnostics.FunctionRef(N(fn.Name), N(fn.RoleArn)) : null,
            Action = N(d.Action),
            Resource = N(d.Resource),
            DenyingPolicyArn = N(d.DenyingPolicyArn),
            Fix = d.Fix is { } fix ? Shrink(fix, C) : null,
            Notes = d.Notes.Take(MaxList).Select(C).ToList(),
        };
        return f with
        {
            Key = f.Key with { Account = C(f.Key.Account), Region = C(f.Key.Region), RoleArn = C(f.Key.RoleArn), Action = C(f.Key.Action), Resource = C(f.Key.Resource) },
            FunctionNames = f.FunctionNames.Take(MaxList).Select(C).ToList(),
            SampleEventIds = f.SampleEventIds.Take(MaxList).Select(C).ToList(),
            Diagnosis = diagnosis,
            MuteReason = N(f.MuteReason),
        };
    }

    private static Fix Shrink(Fix fix, Func<string, string> cut) => fix with
    {
        Statements = fix.Statements.Take(MaxList).Select(s => s with
        {
            Document = cut(s.Document),
            Statement = s.Statement with
            {
                Sid = s.Statement.Sid is { } sid ? cut(sid) : null,
                Principal = s.Statement.Principal is { } p ? (cut(p.Type), cut(p.Value)) : null,
                Actions = s.Statement.Actions.Take(MaxList * 4).Select(cut).ToList(),
                Resources = s.Statement.Resources.Take(MaxList * 4).Select(cut).ToList(),
                Conditions = s.Statement.Conditions.Take(MaxList).Select(c => (cut(c.Operator), cut(c.Key), cut(c.Value))).ToList(),
            },
        }).ToList(),
        Commands = fix.Commands.Take(MaxList).Select(cut).ToList(),
        Snippets = new Dictionary<string, string>(),
        Notes = fix.Notes.Take(MaxList).Select(cut).ToList(),
    };
}
