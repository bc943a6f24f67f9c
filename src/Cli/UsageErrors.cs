using System.CommandLine;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// A command line that did not parse, as a few lines: each error, "did you mean …?" for a mistyped command or
/// option, and the help of the subcommand the user was typing (not the root's).
/// </summary>
public static class UsageErrors
{
    public static IEnumerable<string> Lines(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        // "Required command was not provided" says nothing more when the mistyped command is named below.
        var errors = parse.Errors.Where(e => unmatched.Count == 0 || parse.CommandResult.Command.Subcommands.Count == 0
            || unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
        foreach (var error in errors)
        {
            var token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var nearest = token is null ? [] : Suggestions.For(token, command);
            var message = TextEscaping.PlainLine(OneLine(error.Message), 300);
            yield return nearest.Count == 0 ? $"denied: {message}" : $"denied: {message} Did you mean {string.Join(" or ", nearest)}?";
        }

        yield return $"Try '{Path(parse.CommandResult)} --help'.";
    }

    /// <summary>
    /// System.CommandLine lays a list out one item a line ("Must be one of:\n\t'table'\n\t'json'"); on one line that
    /// reads "Must be one of: 'table', 'json'" rather than as escaped newlines.
    /// </summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count <= 1 ? message : lines[0] + " " + string.Join(", ", lines.Skip(1));
    }

    /// <summary>"denied findings list": the command names from the root down (the root is named by the program).</summary>
    private static string Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Parent is null ? "denied" : r.Command.Name);
        }

        names.Reverse();
        return string.Join(" ", names);
    }
}
