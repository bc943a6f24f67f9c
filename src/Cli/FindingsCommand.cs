using System.CommandLine;
using Denied.Findings;
using Denied.Store;

namespace Denied.Cli;

/// <summary>`denied findings list|show|resolve|mute|unmute|create-table`: query and triage the deployed findings table.</summary>
public static class FindingsCommand
{
    public static Command Create()
    {
        var command = new Command("findings", "Query and triage the findings table of a deployed Denied (or a local stack with --endpoint-url).");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(IdCommand("show", "The full diagnosis and fix of one finding.", FindingsActions.ShowAsync));
        command.Subcommands.Add(IdCommand("resolve", "Mark a finding resolved; it reopens (and notifies) if the denial happens again.", FindingsActions.ResolveAsync));
        command.Subcommands.Add(MuteCommand());
        command.Subcommands.Add(IdCommand("unmute", "Unmute a finding.", FindingsActions.UnmuteAsync));
        command.Subcommands.Add(CreateTableCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var status = new Option<string?>("--status") { Description = "open, resolved or muted (default: all)" };
        status.AcceptOnlyFromAmong("open", "resolved", "muted");
        var function = new Option<string?>("--function") { Description = "function name" };
        var role = new Option<string?>("--role") { Description = "execution role ARN" };
        var action = new Option<string?>("--action") { Description = "IAM action, e.g. s3:GetObject" };
        var service = new Option<string?>("--service") { Description = "IAM service prefix, e.g. s3" };
        var account = new Option<string?>("--account") { Description = "AWS account id" };
        var since = new Option<string?>("--since") { Description = "last seen at or after: ISO-8601 or an age such as 24h, 7d" };
        var limit = new Option<int>("--limit") { Description = "at most this many (default 50)", DefaultValueFactory = _ => 50 };
        var output = CommonOptions.Output();
        var command = new Command("list", "Findings, newest first; filters use the table's indexes (never a Scan).")
        {
            status, function, role, action, service, account, since, limit, output,
        };
        var aws = AddAws(command, out var table);
        command.SetAction((parse, ct) =>
        {
            var query = new FindingQuery
            {
                Status = FindingStatusCodes.Parse(parse.GetValue(status)),
                Function = parse.GetValue(function),
                RoleArn = parse.GetValue(role),
                Action = parse.GetValue(action),
                Service = parse.GetValue(service),
                Account = parse.GetValue(account),
                Since = SinceParser.Parse(parse.GetValue(since), TimeProvider.System),
                Limit = Math.Clamp(parse.GetValue(limit), 1, 1000),
            };
            return FindingsActions.ListAsync(aws(parse), table(parse), query, CommonOptions.Parse(parse.GetValue(output)!), Console.Out, Console.Error, ct);
        });
        return command;
    }

    private static Command IdCommand(string name, string description, Func<FindingsActions.Target, string, OutputFormat, TextWriter, TextWriter, CancellationToken, Task<int>> run)
    {
        var id = new Argument<string>("id") { Description = "finding id (from `denied findings list`)" };
        var output = CommonOptions.Output();
        var command = new Command(name, description) { id, output };
        var aws = AddAws(command, out var table);
        command.SetAction((parse, ct) => run(
            new FindingsActions.Target(aws(parse), table(parse)),
            parse.GetValue(id)!, CommonOptions.Parse(parse.GetValue(output)!), Console.Out, Console.Error, ct));
        return command;
    }

    private static Command MuteCommand()
    {
        var id = new Argument<string>("id") { Description = "finding id" };
        var reason = new Option<string>("--reason") { Description = "why this denial is expected (shown with the finding)", Required = true };
        var until = new Option<string?>("--until") { Description = "unmute automatically at this ISO-8601 time" };
        var command = new Command("mute", "Mute a finding: it keeps counting but does not notify.") { id, reason, until };
        var aws = AddAws(command, out var table);
        command.SetAction((parse, ct) => FindingsActions.MuteAsync(
            new FindingsActions.Target(aws(parse), table(parse)),
            parse.GetValue(id)!, parse.GetValue(reason)!, parse.GetValue(until), Console.Out, Console.Error, ct));
        return command;
    }

    private static Command CreateTableCommand()
    {
        var command = new Command("create-table", "Create the findings table with its indexes and stream (for local stacks; the template creates it in AWS).");
        var aws = AddAws(command, out var table);
        command.SetAction((parse, ct) => FindingsActions.CreateTableAsync(
            new FindingsActions.Target(aws(parse), table(parse)), Console.Out, Console.Error, ct));
        return command;
    }

    /// <param name="table">The findings table the options name: --table, else --stack's, else $DENIED_TABLE, else denied-findings.</param>
    internal static Func<ParseResult, AwsOptions> AddAws(Command command, out Func<ParseResult, string> table)
    {
        var tableOption = CommonOptions.Table();
        var stack = CommonOptions.Stack();
        var region = CommonOptions.Region();
        var profile = CommonOptions.Profile();
        var endpoint = CommonOptions.EndpointUrl();
        table = parse => StoreFactory.TableName(parse.GetValue(tableOption), parse.GetValue(stack));
        command.Options.Add(tableOption);
        command.Options.Add(stack);
        command.Options.Add(region);
        command.Options.Add(profile);
        command.Options.Add(endpoint);
        return parse => new AwsOptions(parse.GetValue(region), parse.GetValue(profile), parse.GetValue(endpoint));
    }
}
