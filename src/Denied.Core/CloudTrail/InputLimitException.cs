namespace Denied.CloudTrail;

/// <summary>
/// The input exceeds a bound the reader keeps to stay within its memory budget (a value larger than
/// <see cref="JsonValueSplitter.MaxValueBytes"/>). Reading that source stops; what was read before it stands.
/// </summary>
public sealed class InputLimitException(string message) : Exception(message);
