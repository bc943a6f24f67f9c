namespace Denied.Remediation;

/// <summary>
/// Normalises request strings before any renderer sees them: a lone UTF-16 surrogate or a NUL cannot be
/// written in JSON, YAML, HCL or a shell argument without an encoder throwing or a shell truncating, so both
/// become U+FFFD. Such characters never occur in a real ARN or name, so nothing legitimate changes.
/// </summary>
internal static class InputText
{
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        char[]? copy = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var bad = c == '\0'
                || (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
                || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));
            if (bad)
            {
                copy ??= value.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }

        return copy is null ? value : new string(copy);
    }
}
