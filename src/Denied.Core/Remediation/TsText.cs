namespace Denied.Remediation;

/// <summary>
/// TypeScript single-quoted string literals (CDK style). Backticks and "${" are inert outside template
/// literals; line terminators, including U+2028/U+2029, must be escaped or they end the literal.
/// </summary>
internal static class TsText
{
    public static string Quote(string value) => BackslashQuoting.Quote(value, '\'');
}
