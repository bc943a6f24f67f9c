using System.Text;

namespace Denied.AwsClients;

/// <summary>
/// <c>application/x-www-form-urlencoded</c> and query strings the way SigV4 canonicalizes them: pairs
/// sorted by key then value (ordinal), keys and values percent-encoded per RFC 3986 (only
/// <c>A-Z a-z 0-9 - . _ ~</c> stay literal; spaces are <c>%20</c>), UTF-8.
/// </summary>
internal static class FormEncoding
{
    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
