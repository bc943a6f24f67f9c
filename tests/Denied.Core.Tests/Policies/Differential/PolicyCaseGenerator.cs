using System.Text.Json.Nodes;

namespace Denied.Core.Tests.Policies.Differential;

/// <summary>
/// Random (policies, request) cases from a small grammar over every policy element the evaluator
/// knows: Action/NotAction with wildcards and odd casing, Resource/NotResource with wildcards and
/// variables, Principal/NotPrincipal (everyone, accounts in both spellings, role, session, user,
/// service), every condition operator family with IfExists and set qualifiers, policy variables in
/// both Versions, and the layers (identity, boundary, session, resource, SCP levels, RCP levels),
/// same- and cross-account. Seeded, so a run is reproducible from its seed.
/// </summary>
internal sealed class PolicyCaseGenerator(int seed)
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private readonly Random _random = new(seed);

    private static readonly string[] Principals =
    [
        $"arn:aws:sts::{AccountA}:assumed-role/RoleA/session-1",
        $"arn:aws:iam::{AccountA}:user/alice",
        $"arn:aws:sts::{AccountB}:assumed-role/RoleB/session-2",
    ];

    private sealed record Target(string Action, Func<string, string> Resource, string[] OtherActions, string[] ServiceKeys);

    private static readonly Target[] Targets =
    [
        new("s3:GetObject", _ => "arn:aws:s3:::bucket-a/home/alice/report.txt", ["s3:PutObject", "s3:GetObjectAcl"], []),
        new("s3:PutObject", _ => "arn:aws:s3:::bucket-a/docs/x.txt", ["s3:GetObject", "s3:DeleteObject"], []),
        new("s3:ListBucket", _ => "arn:aws:s3:::bucket-a", ["s3:GetObject", "s3:ListBucketVersions"], ["s3:prefix"]),
        new("sqs:SendMessage", a => $"arn:aws:sqs:us-east-1:{a}:queue-1", ["sqs:ReceiveMessage"], []),
        new("kms:Decrypt", a => $"arn:aws:kms:us-east-1:{a}:key/{KeyId}", ["kms:Encrypt", "kms:GenerateDataKey"], ["kms:EncryptionContext:dept"]),
        new("dynamodb:GetItem", a => $"arn:aws:dynamodb:us-east-1:{a}:table/Orders", ["dynamodb:PutItem", "dynamodb:Query"], []),
        new("sns:Publish", a => $"arn:aws:sns:us-east-1:{a}:topic-1", ["sns:Subscribe"], []),
        new("secretsmanager:GetSecretValue", a => $"arn:aws:secretsmanager:us-east-1:{a}:secret:db-AbCdEf", ["secretsmanager:DescribeSecret"], []),
        new("lambda:InvokeFunction", a => $"arn:aws:lambda:us-east-1:{a}:function:fn", ["lambda:GetFunction"], []),
        new("sts:AssumeRole", a => $"arn:aws:iam::{a}:role/Target", ["sts:TagSession"], []),
    ];

    private enum KeyType { String, Numeric, Date, Bool, Ip, Arn }

    private sealed record Key(string Name, KeyType Type, bool Multi, string[] Values);

    private Key[] _keys = [];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    public JsonObject Next(int id)
    {
        var principal = Pick(Principals);
        var principalAccount = principal.Split(':')[4];
        var target = Pick(Targets);
        var resourceAccount = Chance(0.7) ? principalAccount : (principalAccount == AccountA ? AccountB : AccountA);
        var resource = target.Resource(resourceAccount);
        _keys = KeysFor(principal, target);
        var context = new JsonObject();
        foreach (var key in _keys)
        {
            if (Chance(0.2)) continue; // absent from the request
            context[key.Name] = key.Multi
                ? new JsonArray(key.Values.Take(_random.Next(1, 3)).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())
                : JsonValue.Create(key.Values[0]);
        }

        var ctx = new Ctx(principal, principalAccount, target, resource, resourceAccount);
        var identity = new JsonArray();
        for (var i = _random.Next(0, 3); i > 0; i--) identity.Add((JsonNode)Policy(ctx, PolicyKind.Identity));
        var isTrust = target.Action.StartsWith("sts:", StringComparison.Ordinal);
        var isKey = target.Action.StartsWith("kms:", StringComparison.Ordinal);
        var scps = new JsonArray();
        if (Chance(0.4))
            for (var level = _random.Next(1, 4); level > 0; level--) scps.Add((JsonNode)new JsonArray(Policy(ctx, PolicyKind.Scp)));
        var rcps = new JsonArray();
        if (Chance(0.25))
            for (var level = _random.Next(1, 3); level > 0; level--) rcps.Add((JsonNode)new JsonArray(Policy(ctx, PolicyKind.Rcp)));

        return new JsonObject
        {
            ["id"] = id,
            ["principal"] = principal,
            ["action"] = target.Action,
            ["resource"] = resource,
            ["resourceAccount"] = resourceAccount,
            ["context"] = context,
            ["identity"] = identity,
            ["boundary"] = Chance(0.25) ? Policy(ctx, PolicyKind.Identity) : null,
            ["session"] = Chance(0.1) && principal.Contains(":assumed-role/", StringComparison.Ordinal) ? Policy(ctx, PolicyKind.Identity) : null,
            ["resourcePolicy"] = isKey || isTrust || Chance(0.6) ? Policy(ctx, PolicyKind.Resource) : null,
            ["scps"] = scps,
            ["rcps"] = rcps,
        };
    }

    private static Key[] KeysFor(string principal, Target target)
    {
        var account = principal.Split(':')[4];
        var keys = new List<Key>
        {
            new("aws:SourceIp", KeyType.Ip, false, ["203.0.113.5", "198.51.100.7", "2001:db8::1"]),
            new("aws:SourceVpce", KeyType.String, false, ["vpce-1a2b3c4d", "vpce-9z8y7x6w"]),
            new("aws:SecureTransport", KeyType.Bool, false, ["true", "false"]),
            new("aws:CurrentTime", KeyType.Date, false, ["2026-12-07T01:00:00Z", "2025-01-01T00:00:00Z"]),
            new("aws:EpochTime", KeyType.Numeric, false, ["1796605200", "1735689600"]),
            new("aws:RequestedRegion", KeyType.String, false, ["us-east-1", "eu-west-1"]),
            new("aws:PrincipalTag/team", KeyType.String, false, ["dev", "ops"]),
            new("aws:PrincipalAccount", KeyType.String, false, [account, account == AccountA ? AccountB : AccountA]),
            new("aws:PrincipalArn", KeyType.Arn, false, [principal.Contains(":assumed-role/", StringComparison.Ordinal)
                ? $"arn:aws:iam::{account}:role/{principal.Split('/')[1]}" : principal, $"arn:aws:iam::{account}:role/Other"]),
            new("aws:userid", KeyType.String, false, ["AROAEXAMPLEID:session-1", "AIDAEXAMPLEID"]),
            new("aws:CalledVia", KeyType.String, true, ["athena.amazonaws.com", "cloudformation.amazonaws.com", "dynamodb.amazonaws.com"]),
        };
        if (principal.Contains(":user/", StringComparison.Ordinal)) keys.Add(new("aws:username", KeyType.String, false, ["alice", "bob"]));
        foreach (var serviceKey in target.ServiceKeys)
            keys.Add(new(serviceKey, KeyType.String, false, serviceKey == "s3:prefix" ? ["home/alice/", "home/bob/"] : ["finance", "hr"]));
        return keys.ToArray();
    }

    private sealed record Ctx(string Principal, string PrincipalAccount, Target Target, string Resource, string ResourceAccount);

    private enum PolicyKind { Identity, Resource, Scp, Rcp }

    private JsonObject Policy(Ctx ctx, PolicyKind kind)
    {
        var statements = new JsonArray();
        var count = kind == PolicyKind.Scp && Chance(0.6) ? 1 : _random.Next(1, 4);
        for (var i = 0; i < count; i++) statements.Add((JsonNode)Statement(ctx, kind, i));
        var policy = new JsonObject();
        // Older Version (or none) keeps ${...} literal; SCPs and RCPs need 2012-10-17.
        if (kind is PolicyKind.Scp or PolicyKind.Rcp || Chance(0.9)) policy["Version"] = "2012-10-17";
        else if (Chance(0.5)) policy["Version"] = "2008-10-17";
        policy["Statement"] = count == 1 && Chance(0.3) ? statements[0]!.DeepClone() : statements;
        return policy;
    }

    private JsonObject Statement(Ctx ctx, PolicyKind kind, int index)
    {
        var statement = new JsonObject();
        if (Chance(0.5)) statement["Sid"] = $"S{index}";
        var effect = kind switch
        {
            PolicyKind.Rcp => "Deny",
            PolicyKind.Scp => Chance(0.7) ? "Allow" : "Deny",
            _ => Chance(0.75) ? "Allow" : "Deny",
        };
        statement["Effect"] = effect;
        if (kind == PolicyKind.Resource) statement[Chance(0.1) ? "NotPrincipal" : "Principal"] = Principal(ctx);
        if (kind == PolicyKind.Rcp) statement["Principal"] = "*";
        statement[kind != PolicyKind.Rcp && Chance(0.1) ? "NotAction" : "Action"] = Actions(ctx, kind);
        var isTrust = ctx.Target.Action.StartsWith("sts:", StringComparison.Ordinal) && kind == PolicyKind.Resource;
        if (!isTrust) statement[kind is not (PolicyKind.Rcp or PolicyKind.Scp) && Chance(0.1) ? "NotResource" : "Resource"] = Resources(ctx);
        if (Chance(kind == PolicyKind.Scp && effect == "Allow" ? 0.2 : 0.5)) statement["Condition"] = Conditions();
        return statement;
    }

    private JsonNode Principal(Ctx ctx)
    {
        var account = ctx.PrincipalAccount;
        var other = account == PolicyCaseGenerator.AccountA ? AccountB : AccountA;
        JsonNode Aws(params string[] values) => new JsonObject { ["AWS"] = values.Length == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()) };
        var roleName = ctx.Principal.Contains(":assumed-role/", StringComparison.Ordinal) ? ctx.Principal.Split('/')[1] : "RoleA";
        return _random.Next(10) switch
        {
            0 => JsonValue.Create("*")!,
            1 => Aws(account),
            2 => Aws($"arn:aws:iam::{account}:root"),
            3 => Aws($"arn:aws:iam::{account}:role/{roleName}"),
            4 => Aws(ctx.Principal),
            5 => Aws($"arn:aws:iam::{other}:root"),
            6 => Aws($"arn:aws:iam::{account}:role/OtherRole"),
            7 => new JsonObject { ["Service"] = "lambda.amazonaws.com" },
            8 => Aws($"arn:aws:iam::{account}:user/alice", $"arn:aws:iam::{other}:root"),
            _ => Aws($"arn:aws:iam::{account}:role/{roleName}", ctx.Principal),
        };
    }

    private JsonNode Actions(Ctx ctx, PolicyKind kind)
    {
        var action = ctx.Target.Action;
        var service = action.Split(':')[0];
        string One() => _random.Next(8) switch
        {
            // An RCP may not name "*" as its Action (Organizations User Guide, RCP syntax).
            0 => kind == PolicyKind.Rcp ? $"{service}:*" : "*",
            1 => $"{service}:*",
            2 => action[..(action.IndexOf(':') + 4)] + "*",
            3 => action.ToUpperInvariant(),
            4 => Pick(ctx.Target.OtherActions),
            5 => action[..^1] + "?",
            _ => action,
        };
        return Chance(0.3) ? new JsonArray(JsonValue.Create(One()), JsonValue.Create(One())) : JsonValue.Create(One())!;
    }

    private JsonNode Resources(Ctx ctx)
    {
        var resource = ctx.Resource;
        string One() => _random.Next(9) switch
        {
            0 => "*",
            1 => resource[..(resource.LastIndexOf(resource.Contains('/') ? '/' : ':') + 1)] + "*",
            2 => resource.Replace("bucket-a", "bucket-b", StringComparison.Ordinal).Replace("111111111111", "333333333333", StringComparison.Ordinal),
            3 => resource.StartsWith("arn:aws:s3", StringComparison.Ordinal) ? "arn:aws:s3:::bucket-a/home/${aws:username}/*" : resource,
            4 => resource.ToUpperInvariant(),
            5 => resource[..^1] + "?",
            6 => string.Join(':', resource.Split(':').Select((p, i) => i == 3 && p.Length > 0 ? "*" : p)),
            _ => resource,
        };
        return Chance(0.3) ? new JsonArray(JsonValue.Create(One()), JsonValue.Create(One())) : JsonValue.Create(One())!;
    }

    private JsonObject Conditions()
    {
        var blocks = new JsonObject();
        for (var i = _random.Next(1, 3); i > 0; i--)
        {
            var key = Pick(_keys);
            var (op, values) = Operator(key);
            if (op != "Null" && (key.Multi || Chance(0.1))) op = (Chance(0.5) ? "ForAnyValue:" : "ForAllValues:") + op;
            if (op != "Null" && Chance(0.15)) op += "IfExists";
            if (blocks[op] is not JsonObject block) blocks[op] = block = new JsonObject();
            block[key.Name] = values.Length == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        }

        return blocks;
    }

    private (string Op, string[] Values) Operator(Key key)
    {
        if (Chance(0.08)) return ("Null", [Chance(0.5) ? "true" : "false"]);
        var value = Chance(0.6) ? key.Values[0] : Pick(key.Values);
        string[] Values(string first) => Chance(0.25) ? [first, Pick(key.Values)] : [first];
        switch (key.Type)
        {
            case KeyType.Ip:
                var cidr = value.Contains(':', StringComparison.Ordinal) ? Pick(new[] { "2001:db8::/32", "2001:db8::1", "2001:db9::/48" })
                    : Pick(new[] { value[..value.LastIndexOf('.')] + ".0/24", value, "10.0.0.0/8", value + "/32" });
                return (Chance(0.5) ? "IpAddress" : "NotIpAddress", [cidr]);
            case KeyType.Bool:
                return ("Bool", [Chance(0.5) ? "true" : "false"]);
            case KeyType.Date:
                return (Pick(new[] { "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals" }),
                    [Pick(new[] { "2026-06-01T00:00:00Z", "2026-12-07T01:00:00Z", "2027-01-01T00:00:00Z" })]);
            case KeyType.Numeric:
                return (Pick(new[] { "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals" }),
                    [Pick(new[] { "1796605200", "1750000000", "1800000000" })]);
            case KeyType.Arn:
                var arnValue = Chance(0.3) ? value[..(value.LastIndexOf('/') + 1)] + "*" : value;
                return (Pick(new[] { "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike" }), Values(arnValue));
            default:
                var op = Pick(new[] { "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike" });
                var text = _random.Next(6) switch
                {
                    0 when op.Contains("Like", StringComparison.Ordinal) => value[..Math.Max(1, value.Length / 2)] + "*",
                    1 => value.ToUpperInvariant(),
                    2 when key.Name == "s3:prefix" => "home/${aws:username}/",
                    3 when key.Name == "aws:PrincipalTag/team" => "${aws:PrincipalTag/team}",
                    4 when key.Name == "aws:RequestedRegion" => "${aws:RequestedRegion, 'us-east-1'}",
                    _ => value,
                };
                return (op, Values(text));
        }
    }
}
