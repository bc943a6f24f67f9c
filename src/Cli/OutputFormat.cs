namespace Denied.Cli;

public enum OutputFormat
{
    Table,
    Json,
    Markdown,
    Html,
}
