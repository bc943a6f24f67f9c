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
    foreach (var line in UsageErrors.Lines(parse))
    {
        Console.Error.WriteLine(line);
    }

    return ExitCodes.Usage;
}

try
{
    // Our own handler below instead of the library's, which prints the stack trace and exits 1 ("findings found").
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (AwsFailure.IsAwsFailure(e))
{
    Console.Error.WriteLine(AwsFailure.Describe("AWS call", new AwsOptions(null, null, null), e));
    return ExitCodes.AwsError;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"denied: internal error ({e.GetType().Name}): {Denied.Rendering.TextEscaping.PlainLine(e.Message, 300)}; please report it with the command line");
    return ExitCodes.InternalError;
}
