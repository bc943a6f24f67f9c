using System.CommandLine;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
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
        var all = new Option<bool>("--all") { Description = "print every record of a log file, not only its access denials" };
        var (region, profile, endpoint) = (CommonOptions.Region(), CommonOptions.Profile(), CommonOptions.EndpointUrl());
        var command = new Command("explain", "Diagnose CloudTrail record(s): which function, action, resource and policy layer, and the fix.")
        {
            file, output, functions, all, region, profile, endpoint,
        };
        var policies = new PolicyFileOptions();
        policies.AddTo(command);
        var troubleshooter = new AccessTroubleshooterOptions();
        troubleshooter.AddTo(command);
        command.SetAction(parse =>
        {
            var aws = new AwsOptions(parse.GetValue(region), parse.GetValue(profile), parse.GetValue(endpoint));
            return Run(
                parse.GetValue(file)!, CommonOptions.Parse(parse.GetValue(output)!), parse.GetValue(functions), Console.Out, Console.Error, parse.GetValue(all),
                policies.Read(parse, aws), troubleshooter.Step(parse, aws));
        });
        return command;
    }

    /// <param name="all">
    /// Print records that are not denials too. Without it a single record is printed whatever it is (the user asked
    /// about it), and a log of many records prints only its denials, with a count of the rest.
    /// </param>
    /// <param name="policyFiles">Policy files to evaluate each denial against (--authorization-details and the rest), or --read-policies.</param>
    /// <param name="troubleshooter">--access-troubleshooter: ask AWS first for denials with an authorization ID.</param>
    public static int Run(string file, OutputFormat format, FileInfo? functionsFile, TextWriter stdout, TextWriter stderr, bool all = false, PolicyFileOptions.Files? policyFiles = null, AccessTroubleshooterStep? troubleshooter = null)
    {
        Denied.Principals.FunctionInventory? inventory;
        Denied.Policies.PolicyFiles? policies;
        LivePolicyReads? live;
        try
        {
            inventory = InventoryLoader.Load(functionsFile);
            policies = (policyFiles ?? PolicyFileOptions.Files.None).Load();
            live = LivePolicyReads.Open(policyFiles ?? PolicyFileOptions.Files.None);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (RemoteIntakeException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.AwsError;
        }

        using var liveReads = live;

        IEnumerable<InputItem> items;
        if (file == "-")
        {
            var (stream, gzip) = StandardInput.Open();
            items = CloudTrailInput.ReadStream(stream, "standard input", gzip, skipNonDenials: false, ownsStream: true);
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

        var diagnoser = new Diagnoser(IamCatalog.Default, inventory, policies);
        var denied = false;
        var errors = false;
        var count = 0;
        var hidden = 0;
        Diagnosis? held = null;
        var report = new List<FindingsTableRenderer.Row>();
        foreach (var item in items)
        {
            if (item.Error is { } error)
            {
                stderr.WriteLine($"denied: {TextEscaping.PlainLine(item.Location)}: {TextEscaping.PlainLine(error)}");
                errors = true;
                continue;
            }

            // The Troubleshooter first (AWS's own evaluation), then the live reads or the policy files, then the text alone.
            Diagnosis Usual(CloudTrailRecord record) => live?.Diagnose(diagnoser, record) ?? diagnoser.Diagnose(record);
            var diagnosis = troubleshooter?.Diagnose(item.Record!, inventory, Usual) ?? Usual(item.Record!);
            denied |= diagnosis.Denied;
            count++;
            if (!all && !diagnosis.Denied)
            {
                // Held back: printed only if it turns out to be the input's one record.
                if (count == 1)
                {
                    held = diagnosis;
                }

                hidden++;
                continue;
            }

            Print(diagnosis, item.Location, format, stdout, report);
        }

        if (!all && count == 1 && held is not null)
        {
            Print(held, file == "-" ? "standard input" : file, format, stdout, report);
            hidden = 0;
        }

        if (format == OutputFormat.Html && count > 0)
        {
            FindingsHtmlRenderer.Render(new FindingsHtmlRenderer.Report($"Denied explain: {(file == "-" ? "standard input" : file)}", null, report, []), stdout);
        }

        if (hidden > 0)
        {
            stderr.WriteLine($"denied: {Plural.Of(hidden, "record")} that {(hidden == 1 ? "is" : "are")} not access denials not shown (--all shows them)");
        }

        if (count == 0 && !errors)
        {
            stderr.WriteLine($"denied: {(file == "-" ? "standard input" : TextEscaping.PlainLine(file))} holds no CloudTrail record");
            return ExitCodes.InputErrors;
        }

        return errors ? ExitCodes.InputErrors : denied ? ExitCodes.DenialsFound : ExitCodes.Clean;
    }

    /// <summary>The diagnosis record with its schemaVersion first (docs/schemas/diagnosis.schema.json).</summary>
    private static string Json(Diagnosis diagnosis)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", SchemaVersion.Current);
            DiagnosisJson.WriteBody(w, diagnosis);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Print(Diagnosis diagnosis, string location, OutputFormat format, TextWriter stdout, List<FindingsTableRenderer.Row> report)
    {
        switch (format)
        {
            case OutputFormat.Json:
                stdout.WriteLine(Json(diagnosis));
                break;
            case OutputFormat.Markdown:
                DiagnosisMarkdownRenderer.Render(diagnosis, stdout);
                break;
            case OutputFormat.Html:
                // One report for the whole input, written at the end; each record is a row (an event, not a finding).
                report.Add(new FindingsTableRenderer.Row(diagnosis.EventId ?? $"record {report.Count + 1}", 1, FindingAggregator.ParseTime(diagnosis.EventTime), null, diagnosis, []));
                break;
            default:
                DiagnosisTextRenderer.Render(diagnosis, stdout, TextEscaping.PlainLine(location));
                break;
        }
    }
}
