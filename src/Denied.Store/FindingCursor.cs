using System.Text;

namespace Denied.Store;

/// <summary>
/// Page tokens: per index stream, "-" (not started), "x" (done) or "lastSeen,pk" of the last item returned,
/// joined by '|', base64url-encoded. Opaque to callers; a token only fits the query that produced it.
/// </summary>
internal static class FindingCursor
{
    private const string Version = "v1";

    public static string? Encode(IReadOnlyList<IndexStream> streams)
    {
        if (streams.All(s => s.IsDone))
        {
            return null;
        }

        var parts = streams.Select(s => s.IsDone ? "x" : s.Position is { } p ? p.LastSeen + "," + p.Pk : "-");
        var text = Version + "|" + string.Join("|", parts);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Positions the streams from a token; throws <see cref="ArgumentException"/> for a token of another query or a damaged one.</summary>
    public static void Apply(string token, IReadOnlyList<IndexStream> streams)
    {
        string[] parts;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
        }
        catch (FormatException e)
        {
            throw new ArgumentException("the page token is damaged", nameof(token), e);
        }

        if (parts.Length != streams.Count + 1 || parts[0] != Version)
        {
            throw new ArgumentException("the page token belongs to another query", nameof(token));
        }

        for (var i = 0; i < streams.Count; i++)
        {
            var part = parts[i + 1];
            if (part == "x")
            {
                streams[i].MarkDone();
            }
            else if (part != "-")
            {
                var comma = part.IndexOf(',', StringComparison.Ordinal);
                if (comma <= 0)
                {
                    throw new ArgumentException("the page token is damaged", nameof(token));
                }

                streams[i].ResumeAfter((part[..comma], part[(comma + 1)..]));
            }
        }
    }
}
