namespace Denied.Iam;

/// <summary>AWS account IDs: exactly 12 ASCII digits, the only shape that may name an account in a policy or an ARN.</summary>
internal static class AccountId
{
    public static bool IsValid(string? text) => text is { Length: 12 } && text.All(char.IsAsciiDigit);
}
