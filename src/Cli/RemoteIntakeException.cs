namespace Denied.Cli;

/// <summary>An AWS call of --lookup or --athena failed before any record was read, or the query itself failed; the message is plain text.</summary>
public sealed class RemoteIntakeException(string message) : Exception(message);
