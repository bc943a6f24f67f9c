using System.CommandLine;
using Denied.Cli;

var root = new RootCommand("Denied: finds which AWS Lambda function was denied what, by which policy layer, and prints the least-privilege fix.")
{
    ExplainCommand.Create(),
    ScanCommand.Create(),
    FindingsCommand.Create(),
    SuppressionsCommand.Create(),
    PoliciesCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"denied: {error.Message}");
    }

    Console.Error.WriteLine("Try 'denied --help'.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
