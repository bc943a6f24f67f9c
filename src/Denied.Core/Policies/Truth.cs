namespace Denied.Policies;

/// <summary>
/// Three-valued truth (Kleene logic): <see cref="Unknown"/> when the request context lacks a key a
/// condition needs, so the evaluation never turns what it cannot know into a silent true or false.
/// </summary>
public enum Truth
{
    False,
    True,
    Unknown,
}

public static class TruthLogic
{
    public static Truth Of(bool value) => value ? Truth.True : Truth.False;

    public static Truth Not(this Truth value) => value switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    public static Truth And(this Truth left, Truth right) =>
        left == Truth.False || right == Truth.False ? Truth.False
        : left == Truth.True && right == Truth.True ? Truth.True
        : Truth.Unknown;

    public static Truth Or(this Truth left, Truth right) =>
        left == Truth.True || right == Truth.True ? Truth.True
        : left == Truth.False && right == Truth.False ? Truth.False
        : Truth.Unknown;

    public static Truth All(IEnumerable<Truth> values) => values.Aggregate(Truth.True, And);

    public static Truth Any(IEnumerable<Truth> values) => values.Aggregate(Truth.False, Or);
}
