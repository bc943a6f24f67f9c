namespace Denied.Classification;

/// <summary>
/// Lambda's CloudTrail eventNames carry the API version: "CreateFunction20150331",
/// "UpdateFunctionConfiguration20150331v2" (CloudTrail records Lambda's API version in eventName; cloud-custodian #3292).
/// </summary>
internal static class LambdaEventNames
{
    private const int DateLength = 8;

    /// <summary>The operation without its version suffix; null stays null.</summary>
    public static string? Strip(string? eventName)
    {
        if (eventName is null)
        {
            return null;
        }

        var end = eventName.Length;
        var digits = CountTrailingDigits(eventName, end);
        if (digits > 0 && end - digits - 1 >= 0 && eventName[end - digits - 1] == 'v')
        {
            end -= digits + 1;
        }

        return CountTrailingDigits(eventName, end) == DateLength && end > DateLength ? eventName[..(end - DateLength)] : eventName;
    }

    private static int CountTrailingDigits(string text, int end)
    {
        var count = 0;
        while (end - count - 1 >= 0 && char.IsAsciiDigit(text[end - count - 1]))
        {
            count++;
        }

        return count;
    }
}
