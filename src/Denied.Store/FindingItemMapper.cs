using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Rendering;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// <see cref="Finding"/> to and from its table item (pk "F#id", sk "FINDING"). Optional attributes are left
/// out rather than stored empty: GSI key attributes (functionName above all) must be absent, never "".
/// The latest diagnosis is stored as the diagnosis record's JSON (DiagnosisJson).
/// </summary>
public static class FindingItemMapper
{
    public static Dictionary<string, AttributeValue> Key(string findingId) => new()
    {
        [A.Pk] = new AttributeValue { S = A.FindingPk(findingId) },
        [A.Sk] = new AttributeValue { S = A.FindingSk },
    };

    /// <summary>The IAM service prefix of an action ("s3" for "s3:ListBucket"); the whole text when it has no ':'.</summary>
    public static string ServiceOf(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? action[..colon].ToLowerInvariant() : action;
    }

    /// <summary>The attributes that identify a finding; the same for every write of it.</summary>
    public static Dictionary<string, AttributeValue> IdentityAttributes(FindingKey key) => new()
    {
        [A.Id] = S(key.Id),
        [A.Account] = S(key.Account),
        [A.Region] = S(key.Region),
        [A.RoleArn] = S(key.RoleArn),
        [A.Action] = S(key.Action),
        [A.Service] = S(ServiceOf(key.Action)),
        [A.Resource] = S(key.Resource),
        [A.Layer] = S(Codes.Of(key.Layer)),
    };

    /// <summary>The whole item for a finding (backfills and tests; the detector writes through UpdateItem).</summary>
    public static Dictionary<string, AttributeValue> ToItem(Finding finding, DateTimeOffset? expiresAt = null)
    {
        var item = Key(finding.Id);
        foreach (var (name, value) in IdentityAttributes(finding.Key))
        {
            item[name] = value;
        }

        item[A.Status] = S(FindingStatusCodes.Of(finding.Status));
        item[A.Count] = N(finding.Count);
        item[A.FirstSeen] = S(ItemTime.ToText(finding.FirstSeen));
        item[A.LastSeen] = S(ItemTime.ToText(finding.LastSeen));
        if (finding.FunctionNames.Count > 0)
        {
            item[A.FunctionName] = S(finding.FunctionNames[0]);
            item[A.FunctionNames] = new AttributeValue { SS = finding.FunctionNames.Distinct(StringComparer.Ordinal).ToList() };
        }

        if (finding.SampleEventIds.Count > 0)
        {
            item[A.SampleEventIds] = new AttributeValue { L = finding.SampleEventIds.Select(S).ToList() };
        }

        if (finding.Diagnosis.ErrorCode is { } code)
        {
            item[A.ErrorCode] = S(code);
        }

        item[A.Diagnosis] = S(DiagnosisJson.Serialize(finding.Diagnosis));
        Put(item, A.MuteReason, finding.MuteReason);
        Put(item, A.MutedUntil, finding.MutedUntil is { } mu ? ItemTime.ToText(mu) : null);
        Put(item, A.ResolvedAt, finding.ResolvedAt is { } ra ? ItemTime.ToText(ra) : null);
        item[A.ReopenCount] = N(finding.ReopenCount);
        Put(item, A.Change, finding.LastChange is { } change ? FindingChangeCodes.Of(change) : null);
        if (expiresAt is { } exp)
        {
            item[A.ExpiresAt] = new AttributeValue { N = ItemTime.ToEpoch(exp) };
        }

        return item;
    }

    /// <summary>Reads a finding item. Throws <see cref="FormatException"/> naming the attribute when a required one is missing or malformed.</summary>
    public static Finding FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var layerCode = Req(item, A.Layer);
        var key = new FindingKey(
            Req(item, A.Account),
            Req(item, A.Region),
            Req(item, A.RoleArn),
            Req(item, A.Action),
            Req(item, A.Resource),
            Codes.ParseLayer(layerCode) ?? throw new FormatException($"finding attribute '{A.Layer}' has unknown code '{layerCode}'"));
        var statusCode = Req(item, A.Status);
        var names = item.TryGetValue(A.FunctionNames, out var ss) && ss.SS is { Count: > 0 } set ? set : [];
        var first = Opt(item, A.FunctionName);

        // The first function name leads: it is the one the byFunction index carries.
        var functionNames = first is null ? names.Order(StringComparer.Ordinal).ToList()
            : [first, .. names.Where(n => n != first).Order(StringComparer.Ordinal)];
        return new Finding
        {
            Id = Req(item, A.Id),
            Key = key,
            Status = FindingStatusCodes.Parse(statusCode) ?? throw new FormatException($"finding attribute '{A.Status}' has unknown code '{statusCode}'"),
            Count = long.Parse(item.TryGetValue(A.Count, out var c) && c.N is { } n ? n : "0", CultureInfo.InvariantCulture),
            FirstSeen = ItemTime.Parse(Req(item, A.FirstSeen)),
            LastSeen = ItemTime.Parse(Req(item, A.LastSeen)),
            FunctionNames = functionNames,
            SampleEventIds = item.TryGetValue(A.SampleEventIds, out var l) && l.L is { } list ? list.Select(v => v.S).OfType<string>().ToList() : [],
            Objects = Objects(item),
            Diagnosis = DiagnosisJsonReader.Parse(Req(item, A.Diagnosis)),
            MuteReason = Opt(item, A.MuteReason),
            MutedUntil = Opt(item, A.MutedUntil) is { } mu ? ItemTime.Parse(mu) : null,
            ResolvedAt = Opt(item, A.ResolvedAt) is { } ra ? ItemTime.Parse(ra) : null,
            ReopenCount = item.TryGetValue(A.ReopenCount, out var rc) && rc.N is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 0,
            LastChange = FindingChangeCodes.Parse(Opt(item, A.Change)),
        };
    }

    /// <summary>The S3 object attributes (written by <see cref="S3Objects"/>), or null on any other finding.</summary>
    private static FindingObjects? Objects(IReadOnlyDictionary<string, AttributeValue> item) =>
        Opt(item, A.ObjectScope) is { } scope
            ? new FindingObjects(
                scope,
                item.TryGetValue(A.ObjectCount, out var c) && c.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0,
                item.TryGetValue(A.ObjectCountExact, out var x) && x.BOOL == true,
                item.TryGetValue(A.SampleObjects, out var l) && l.L is { } list ? list.Select(v => v.S).OfType<string>().ToList() : [])
            : null;

    internal static AttributeValue S(string s) => new() { S = s };

    internal static AttributeValue N(long n) => new() { N = n.ToString(CultureInfo.InvariantCulture) };

    private static void Put(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static string Req(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        Opt(item, name) ?? throw new FormatException($"finding item lacks string attribute '{name}'");

    private static string? Opt(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;
}
