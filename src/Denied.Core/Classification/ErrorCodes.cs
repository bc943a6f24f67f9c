namespace Denied.Classification;

/// <summary>Spelling-insensitive error-code comparison: services disagree on case, dots and separators.</summary>
internal static class ErrorCodes
{
    /// <summary>
    /// Letters and digits only, lower-cased: "Client.UnauthorizedOperation" becomes
    /// "clientunauthorizedoperation", "Access Denied" becomes "accessdenied". Empty for null.
    /// </summary>
    public static string Normalise(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        Span<char> buffer = code.Length <= 256 ? stackalloc char[code.Length] : new char[code.Length];
        var length = 0;
        foreach (var c in code)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
