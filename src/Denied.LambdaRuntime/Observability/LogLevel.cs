namespace Denied.LambdaRuntime.Observability;

/// <summary>Levels of <see cref="JsonLog"/>, lowest first; a log drops lines below its minimum.</summary>
public enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>The LOG_LEVEL spellings: DEBUG, INFO, WARN, ERROR, in any case.</summary>
public static class LogLevels
{
    /// <summary>The accepted names, lowest first (template.yaml's LogLevel AllowedValues are these).</summary>
    public static readonly IReadOnlyList<string> Names = ["DEBUG", "INFO", "WARN", "ERROR"];

    public static bool TryParse(string? text, out LogLevel level)
    {
        var i = text is null ? -1 : Names.ToList().FindIndex(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        level = i < 0 ? LogLevel.Info : (LogLevel)i;
        return i >= 0;
    }
}
