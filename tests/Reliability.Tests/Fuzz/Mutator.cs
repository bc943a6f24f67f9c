using System.Text;
using System.Text.Json.Nodes;
using Reliability.Tests.Support;

namespace Reliability.Tests.Fuzz;

/// <summary>One fuzzed input: the bytes, and what was done to the seed (shown when an input breaks something).</summary>
public sealed record FuzzInput(byte[] Bytes, string Description);

/// <summary>
/// A seeded mutator over real-shaped JSON objects. Structural mutations (drop, null, retype, truncate, huge,
/// deeply nested, hostile text) pick a random node anywhere in the object; byte mutations (invalid UTF-8,
/// duplicated keys, a cut in the middle) act on the serialised form; framing wraps the result as a bare record,
/// an EventBridge envelope (right or wrong), a log file or JSON Lines. The same seed gives the same inputs.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly string[] Hostile =
    [
        "\u001b[31mred\u001b[0m", "<!channel>", "<@U123>", "[x](http://evil.example)", "<http://evil.example|click>",
        "a\r\nX-Injected: 1", "\0", "\u202Eevil", "```", "`", "|", "\"quoted\"", "'", "${jndi:x}", "\uD83D\uDE00",
        "\uFFFF", "\u2028", "javascript:alert(1)", "<script>x</script>", "@here",
    ];

    private readonly Random _random = new(seed);

    /// <param name="frame">False for inputs that are not CloudTrail (stream records): no envelope or log-file framing.</param>
    public FuzzInput Next(IReadOnlyList<JsonObject> seeds, bool frame = true)
    {
        var root = seeds[_random.Next(seeds.Count)].DeepClone().AsObject();
        var steps = new List<string>();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            steps.Add(MutateTree(root));
        }

        var (framed, framing) = frame ? Frame(root) : (root.ToJsonString(), "unframed");
        steps.Add(framing);
        var bytes = Encoding.UTF8.GetBytes(framed);
        if (_random.Next(4) == 0)
        {
            (bytes, var step) = MutateBytes(bytes);
            steps.Add(step);
        }

        return new FuzzInput(bytes, string.Join(", ", steps));
    }

    private string MutateTree(JsonObject root)
    {
        var slots = new List<(JsonNode Parent, object Key, string Path)>();
        Collect(root, "$", slots);
        if (slots.Count == 0)
        {
            return "empty";
        }

        var (parent, key, path) = slots[_random.Next(slots.Count)];
        var kind = _random.Next(8);
        if (kind == 0)
        {
            Remove(parent, key);
            return "drop " + path;
        }

        JsonNode? value = kind switch
        {
            1 => null,
            2 => Retyped(),
            3 => Truncated(Get(parent, key)),
            4 => JsonValue.Create(Huge()),
            5 => Nested(1 + _random.Next(_random.Next(2) == 0 ? 60 : 300)),
            _ => JsonValue.Create(Hostile[_random.Next(Hostile.Length)] + (Get(parent, key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")),
        };
        Set(parent, key, value);
        return kind switch { 1 => "null", 2 => "retype", 3 => "truncate", 4 => "huge", 5 => "nest", _ => "hostile" } + " " + path;
    }

    private JsonNode? Retyped() => _random.Next(9) switch
    {
        0 => JsonValue.Create(42),
        1 => JsonValue.Create(-1.7e308),
        2 => JsonValue.Create(true),
        3 => JsonValue.Create("string"),
        4 => new JsonArray(),
        5 => new JsonObject(),
        6 => new JsonArray(1, "a", null, new JsonObject()),
        7 => JsonValue.Create(""),
        _ => new JsonObject { ["S"] = "x", ["N"] = "not-a-number" },
    };

    private JsonNode? Truncated(JsonNode? node)
    {
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
        return JsonValue.Create(text[..(text.Length == 0 ? 0 : _random.Next(text.Length))]);
    }

    private string Huge()
    {
        var unit = _random.Next(3) switch { 0 => "A", 1 => Hostile[_random.Next(Hostile.Length)], _ => "é漢\uD83D\uDE00" };
        var length = _random.Next(2) == 0 ? 10_000 : 300_000;
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    private JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("deep");
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    private (string Text, string Step) Frame(JsonObject record)
    {
        var text = record.ToJsonString();
        return _random.Next(10) switch
        {
            < 4 => (text, "bare"),
            < 6 => (Seeds.EnvelopeAround(text, "\"AWS API Call via CloudTrail\""), "envelope"),
            6 => (Seeds.EnvelopeAround(_random.Next(2) == 0 ? "\"" + text.Replace("\"", "'", StringComparison.Ordinal) + "\"" : "[" + text + "]", "\"Other\""), "wrong envelope"),
            7 => ("{\"Records\":[" + text + "," + text + "]}", "log file"),
            8 => (_random.Next(2) == 0 ? "{\"Records\":" + text + "}" : "[" + text + ",null,7]", "wrong log file"),
            _ => (text + "\n" + text + "\n", "json lines"),
        };
    }

    private (byte[] Bytes, string Step) MutateBytes(byte[] bytes)
    {
        var at = bytes.Length == 0 ? 0 : _random.Next(bytes.Length);
        switch (_random.Next(3))
        {
            case 0:
                byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]];
                var quote = Array.IndexOf(bytes, (byte)'"', at);
                var insertAt = quote < 0 ? at : quote + 1;
                return ([.. bytes[..insertAt], .. invalid[_random.Next(invalid.Length)], .. bytes[insertAt..]], "invalid utf-8");
            case 1:
                var brace = Array.IndexOf(bytes, (byte)'{', at) is var b and >= 0 ? b : Array.IndexOf(bytes, (byte)'{');
                if (brace < 0)
                {
                    return (bytes, "no object to duplicate a key in");
                }

                string[] duplicates = ["\"eventName\":7,", "\"errorCode\":\"AccessDenied\",", "\"detail\":{},", "\"userIdentity\":null,", "\"Records\":[],"];
                var extra = Encoding.UTF8.GetBytes(duplicates[_random.Next(duplicates.Length)]);
                return ([.. bytes[..(brace + 1)], .. extra, .. bytes[(brace + 1)..]], "duplicated key");
            default:
                return (bytes[..at], "cut at byte " + at);
        }
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, object, string)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o.ToList())
            {
                slots.Add((o, k, path + "." + k));
                if (v is not null)
                {
                    Collect(v, path + "." + k, slots);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, i, $"{path}[{i}]"));
                if (a[i] is { } child)
                {
                    Collect(child, $"{path}[{i}]", slots);
                }
            }
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string k ? parent[k] : parent[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string k)
        {
            parent[k] = value;
        }
        else
        {
            parent[(int)key] = value;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (key is string k)
        {
            parent.AsObject().Remove(k);
        }
        else
        {
            parent.AsArray().RemoveAt((int)key);
        }
    }
}
