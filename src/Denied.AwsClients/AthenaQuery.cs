namespace Denied.AwsClients;

/// <summary>
/// A StartQueryExecution request: the SQL, the database it runs in (null: the statement names its tables in full),
/// the S3 location for results (null: the workgroup's) and the workgroup (null: <c>primary</c>).
/// </summary>
public sealed record AthenaQuery(string Sql, string? Database, string? OutputLocation, string? WorkGroup);
