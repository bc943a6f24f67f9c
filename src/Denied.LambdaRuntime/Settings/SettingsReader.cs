using System.Globalization;
using Denied.LambdaRuntime.Observability;

namespace Denied.LambdaRuntime.Settings;

/// <summary>
/// Reads a function's settings from its environment once, collecting every bad value, so init fails with one
/// message that names each bad variable (and what it should be) instead of failing at the first event.
/// </summary>
public sealed class SettingsReader(IReadOnlyDictionary<string, string?> environment)
{
    private readonly List<string> _errors = [];

    public static SettingsReader FromProcess() =>
        new(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal));

    public string Required(string name, Func<string, bool>? valid = null, string? expected = null)
    {
        var value = environment.GetValueOrDefault(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add($"{name} is not set{(expected is null ? "" : $" (expected {expected})")}");
            return "";
        }

        if (valid is not null && !valid(value))
        {
            _errors.Add($"{name} is not valid (expected {expected ?? "a valid value"})");
        }

        return value;
    }

    public string? Optional(string name) =>
        environment.GetValueOrDefault(name) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v : null;

    public bool Bool(string name, bool defaultValue)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (bool.TryParse(value, out var b))
        {
            return b;
        }

        _errors.Add($"{name} is not valid (expected true or false)");
        return defaultValue;
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max)
        {
            return i;
        }

        _errors.Add($"{name} is not valid (expected a whole number from {min} to {max})");
        return defaultValue;
    }

    /// <summary>A log level (DEBUG, INFO, WARN or ERROR, any case); the default when unset.</summary>
    public LogLevel Level(string name, LogLevel defaultValue)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (LogLevels.TryParse(value, out var level))
        {
            return level;
        }

        _errors.Add($"{name} is not valid (expected {string.Join(", ", LogLevels.Names.SkipLast(1))} or {LogLevels.Names[^1]})");
        return defaultValue;
    }

    public Uri? OptionalUri(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        _errors.Add($"{name} is not valid (expected an http(s) URL)");
        return null;
    }

    /// <summary>Adds a rule that spans several settings.</summary>
    public void Check(bool ok, string error)
    {
        if (!ok)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Throws one <see cref="InvalidSettingsException"/> listing every problem found so far.</summary>
    public void ThrowIfInvalid(string function)
    {
        if (_errors.Count > 0)
        {
            throw new InvalidSettingsException($"{function} settings are invalid: {string.Join("; ", _errors)}.");
        }
    }
}

/// <summary>A function's environment is wrong; the message names every bad variable.</summary>
public sealed class InvalidSettingsException(string message) : Exception(message);
