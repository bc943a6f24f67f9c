namespace Denied.Remediation;

/// <summary>
/// YAML 1.2 double-quoted scalars. Double quotes are the only YAML style in which every character can be
/// escaped, so a value never starts a tag (!Ref), an anchor, a comment or a new key, whatever it holds.
/// </summary>
internal static class YamlText
{
    public static string Quote(string value) => BackslashQuoting.Quote(value, '"');
}
