using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Denied.Findings;
using Denied.Intake;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// `denied suppressions list|add|remove`: rules that silence expected denials before they become findings
/// (probes, health checks, known SCP guardrails). Stored in the findings table, read by the Detector within
/// SUPPRESSION_TTL_SECONDS and by `denied scan --table/--to-table`; `list --output json` prints the file
/// `denied scan --suppressions FILE` reads offline. Visible here and reversible with `remove`.
/// </summary>
public static class SuppressionsCommand
{
    public static Command Create()
    {
        var command = new Command("suppressions", "List, add and remove the rules that silence expected denials before they become findings.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "table (default) or json (the file `denied scan --suppressions` reads)",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "Every suppression rule.") { output };
        var target = FindingsCommand.AddAws(command, out var table);
        command.SetAction((parse, ct) => FindingsActions.WithStore(new FindingsActions.Target(target(parse), table(parse)), Console.Error, async store =>
        {
            var rules = await store.ListSuppressionsAsync(ct);
            if (parse.GetValue(output) == "json")
            {
                using var buffer = new MemoryStream();
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    SuppressionRulesJson.Write(w, rules);
                }

                Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                return ExitCodes.Clean;
            }

            foreach (var r in rules)
            {
                Console.Out.WriteLine(string.Join("  ",
                    TextEscaping.PlainLine(r.Id, 80),
                    $"function={TextEscaping.PlainLine(r.FunctionPattern ?? "*", 80)}",
                    $"role={TextEscaping.PlainLine(r.RolePattern ?? "*", 120)}",
                    $"action={TextEscaping.PlainLine(r.ActionPattern ?? "*", 80)}",
                    $"resource={TextEscaping.PlainLine(r.ResourcePattern ?? "*", 120)}",
                    r.ExpiresAt is { } e ? $"until={FindingJson.Iso(e)}" : "until=never",
                    $"reason={TextEscaping.PlainLine(r.Reason, 200)}"));
            }

            if (rules.Count == 0)
            {
                Console.Out.WriteLine("No suppression rules.");
            }

            return ExitCodes.Clean;
        }));
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "a name for the rule, e.g. health-check-probe" };
        var reason = new Option<string>("--reason") { Description = "why these denials are expected", Required = true };
        var function = new Option<string?>("--function") { Description = "function name pattern ('*' any run, '?' one character)" };
        var role = new Option<string?>("--role") { Description = "execution role ARN pattern" };
        var action = new Option<string?>("--action") { Description = "IAM action pattern, e.g. s3:Get*" };
        var resource = new Option<string?>("--resource") { Description = "resource ARN pattern" };
        var until = new Option<string?>("--until") { Description = "the rule stops applying at this ISO-8601 time" };
        var command = new Command("add", "Add (or replace) a rule; every pattern given must match, and at least one is required.")
        {
            id, reason, function, role, action, resource, until,
        };
        var target = FindingsCommand.AddAws(command, out var table);
        command.SetAction((parse, ct) => FindingsActions.WithStore(new FindingsActions.Target(target(parse), table(parse)), Console.Error, async store =>
        {
            var rule = new SuppressionRule(parse.GetValue(id)!, parse.GetValue(reason)!)
            {
                FunctionPattern = parse.GetValue(function),
                RolePattern = parse.GetValue(role),
                ActionPattern = parse.GetValue(action),
                ResourcePattern = parse.GetValue(resource),
                ExpiresAt = ParseTime(parse.GetValue(until)),
            };
            if (rule is { FunctionPattern: null, RolePattern: null, ActionPattern: null, ResourcePattern: null })
            {
                throw new CliInputException("a suppression rule needs at least one of --function, --role, --action, --resource");
            }

            await store.PutSuppressionAsync(rule, ct);
            Console.Out.WriteLine($"suppression {TextEscaping.PlainLine(rule.Id, 80)} saved");
            return ExitCodes.Clean;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "the rule's name" };
        var command = new Command("remove", "Remove a rule: matching denials become findings again.") { id };
        var target = FindingsCommand.AddAws(command, out var table);
        command.SetAction((parse, ct) => FindingsActions.WithStore(new FindingsActions.Target(target(parse), table(parse)), Console.Error, async store =>
        {
            var removed = await store.DeleteSuppressionAsync(parse.GetValue(id)!, ct);
            Console.Out.WriteLine(removed ? "removed" : $"no suppression {TextEscaping.PlainLine(parse.GetValue(id), 80)}");
            return removed ? ExitCodes.Clean : ExitCodes.AwsError;
        }));
        return command;
    }

    private static DateTimeOffset? ParseTime(string? value) => FutureTime.Parse("--until", value, TimeProvider.System);
}
