using System.CommandLine;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>`denied explain FILE|-`: the full diagnosis and fix of each record, offline.</summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "an EventBridge event, a CloudTrail record or a log file (.json/.json.gz); - for standard input" };
        var output = CommonOptions.Output();
        var functions = CommonOptions.Functions();
        var command = new Command("explain", "Diagnose CloudTrail record(s): which function, action, resource and policy layer, and the fix.")
        {
            file, output, functions,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, CommonOptions.Parse(parse.GetValue(output)!), parse.GetValue(functions), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string file, OutputFormat format, FileInfo? functionsFile, TextWriter stdout, TextWriter stderr)
    {
        Denied.Principals.FunctionInventory? inventory;
        try
        {
            inventory = InventoryLoader.Load(functionsFile);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }

        IEnumerable<InputItem> items;
        if (file == "-")
        {
            var (stream, gzip) = StandardInput.Open();
            items = CloudTrailInput.ReadStream(stream, "stdin", gzip, skipNonDenials: false, ownsStream: true);
        }
        else if (File.Exists(file))
        {
            items = CloudTrailInput.ReadFile(file, skipNonDenials: false);
        }
        else
        {
            stderr.WriteLine($"denied: no such file: {TextEscaping.PlainLine(file)}");
            return ExitCodes.Usage;
        }

        var diagnoser = new Diagnoser(IamCatalog.Default, inventory);
        var denied = false;
        var errors = false;
        var count = 0;
        foreach (var item in items)
        {
            if (item.Error is { } error)
            {
                stderr.WriteLine($"denied: {TextEscaping.PlainLine(item.Location)}: {TextEscaping.PlainLine(error)}");
                errors = true;
                continue;
            }

            var diagnosis = diagnoser.Diagnose(item.Record!);
            denied |= diagnosis.Denied;
            count++;
            switch (format)
            {
                case OutputFormat.Json:
                    stdout.WriteLine(DiagnosisJson.Serialize(diagnosis, indented: true));
                    break;
                case OutputFormat.Markdown:
                    DiagnosisMarkdownRenderer.Render(diagnosis, stdout);
                    break;
                default:
                    DiagnosisTextRenderer.Render(diagnosis, stdout, TextEscaping.PlainLine(item.Location));
                    break;
            }
        }

        if (count == 0 && !errors)
        {
            stderr.WriteLine($"denied: {TextEscaping.PlainLine(file)} holds no CloudTrail record");
            return ExitCodes.InputErrors;
        }

        return errors ? ExitCodes.InputErrors : denied ? ExitCodes.DenialsFound : ExitCodes.Clean;
    }
}
