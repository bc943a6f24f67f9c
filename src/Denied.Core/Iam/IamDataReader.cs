using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Denied.Iam;

/// <summary>
/// Reads iam-actions.json (written by scripts/iam-data/refresh.mjs) with <see cref="Utf8JsonReader"/>:
/// no reflection, no intermediate DOM. Shape:
/// <c>{"source":{...},"index":{"s3":[OFFSET,LENGTH]},"services":{"s3":{"r":{"bucket":"arn:..."},"a":{"ListBucket":["accesspoint","bucket"]}}}}</c>;
/// a trailing "*" on a resource type name marks it required.
/// </summary>
internal static class IamDataReader
{
    /// <summary>
    /// Indexes the services by prefix without parsing their actions. With the generator's "index"
    /// (byte offset and length of each service within "services") the reader stops at "services"
    /// and never tokenises the service bodies; without it (small test documents) it skips through them.
    /// </summary>
    public static (string Version, Dictionary<string, IamService> Services) ReadIndex(ReadOnlyMemory<byte> utf8Json)
    {
        var services = new Dictionary<string, IamService>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, (int Offset, int Length)>? index = null;
        var version = "";
        var reader = new Utf8JsonReader(utf8Json.Span);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("services"u8))
            {
                Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
                if (index is not null)
                {
                    Slice(utf8Json, (int)reader.TokenStartIndex, index, services);
                    break;
                }

                ScanServices(ref reader, utf8Json, services);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                index = ReadOffsets(ref reader);
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                version = ReadSourceVersion(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (version, services);
    }

    private static void Slice(ReadOnlyMemory<byte> utf8Json, int servicesStart, Dictionary<string, (int Offset, int Length)> index, Dictionary<string, IamService> services)
    {
        foreach (var (prefix, (offset, length)) in index)
        {
            var start = servicesStart + offset;
            Expect(offset > 0 && length > 1 && start + length <= utf8Json.Length);
            var slice = utf8Json.Slice(start, length);
            Expect(slice.Span[0] == (byte)'{' && slice.Span[^1] == (byte)'}');
            services[prefix] = new IamService(prefix, slice);
        }
    }

    private static void ScanServices(ref Utf8JsonReader reader, ReadOnlyMemory<byte> utf8Json, Dictionary<string, IamService> services)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var prefix = reader.GetString()!;
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            services[prefix] = new IamService(prefix, utf8Json[start..(int)reader.BytesConsumed]);
        }
    }

    private static Dictionary<string, (int Offset, int Length)> ReadOffsets(ref Utf8JsonReader reader)
    {
        var offsets = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var prefix = reader.GetString()!;
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray);
            var offset = ReadInt32(ref reader);
            var length = ReadInt32(ref reader);
            Expect(reader.Read() && reader.TokenType == JsonTokenType.EndArray);
            offsets[prefix] = (offset, length);
        }

        return offsets;
    }

    /// <summary>Parses one service object (<c>{"r":{...},"a":{...}}</c>) into its actions and resource type patterns.</summary>
    public static (IReadOnlyDictionary<string, IamAction> Actions, IReadOnlyDictionary<string, string> ResourceTypes) ReadService(string prefix, ReadOnlySpan<byte> utf8Json)
    {
        var patterns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rawActions = new List<(string Name, List<string> Types)>();
        var reader = new Utf8JsonReader(utf8Json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("r"u8))
            {
                Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    Expect(reader.Read() && reader.TokenType == JsonTokenType.String);
                    patterns[name] = reader.GetString()!;
                }
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var types = new List<string>();
                    Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        types.Add(reader.GetString()!);
                    }

                    rawActions.Add((name, types));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var actions = new Dictionary<string, IamAction>(rawActions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, types) in rawActions)
        {
            actions[name] = new IamAction(prefix, name, types.Select(t => ToResourceType(prefix, t, patterns)).ToArray());
        }

        return (actions, patterns);
    }

    private static IamResourceType ToResourceType(string prefix, string encoded, Dictionary<string, string> patterns)
    {
        var required = encoded.EndsWith('*');
        var name = required ? encoded[..^1] : encoded;
        return patterns.TryGetValue(name, out var pattern)
            ? new IamResourceType(name, pattern, required)
            : throw new InvalidDataException($"IAM data: {prefix} resource type '{name}' has no ARN pattern");
    }

    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        Expect(reader.Read() && reader.TokenType == JsonTokenType.Number);
        return reader.TryGetInt32(out var value) ? value : throw new InvalidDataException("IAM data: index offset out of range");
    }

    private static string ReadSourceVersion(ref Utf8JsonReader reader)
    {
        var version = "";
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (isVersion && reader.TokenType == JsonTokenType.String)
            {
                version = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        return version;
    }

    private static void Expect([DoesNotReturnIf(false)] bool condition)
    {
        if (!condition)
        {
            throw new InvalidDataException("IAM data: unexpected JSON shape (regenerate with scripts/iam-data/refresh.mjs)");
        }
    }
}
