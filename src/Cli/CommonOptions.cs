using System.CommandLine;

namespace Denied.Cli;

/// <summary>Options shared by several commands, defined once so their names and help agree everywhere.</summary>
public static class CommonOptions
{
    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "table (default), json (the diagnosis record contract), markdown (for tickets) or html (one self-contained report file)",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json", "markdown", "html");
        return option;
    }

    public static OutputFormat Parse(string value) => value switch
    {
        "json" => OutputFormat.Json,
        "markdown" => OutputFormat.Markdown,
        "html" => OutputFormat.Html,
        _ => OutputFormat.Table,
    };

    public static Option<FileInfo?> Functions() => new("--functions")
    {
        Description = "output of `aws lambda list-functions` (JSON): confirms attribution and names the function behind sessions that do not carry its name",
    };

    public static Option<string?> Region() => new("--region") { Description = "AWS region (default: the SDK's usual resolution: AWS_REGION, profile)" };
    public static Option<string?> Profile() => new("--profile") { Description = "named AWS profile" };
    public static Option<string?> EndpointUrl() => new("--endpoint-url") { Description = "AWS endpoint override, e.g. a local stack such as http://127.0.0.1:5000" };
    public static Option<string?> Table() => new("--table") { Description = "findings table name (default: NAME-findings for --stack NAME, else $DENIED_TABLE, else 'denied-findings', the table of a stack named denied)" };
    public static Option<string?> Stack() => new("--stack") { Description = "name of the deployed Denied stack: its table is NAME-findings (the template names it so)" };
}
