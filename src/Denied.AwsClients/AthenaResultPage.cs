namespace Denied.AwsClients;

/// <summary>
/// One GetQueryResults page: the column names (ResultSetMetadata.ColumnInfo) and the rows, each cell the
/// VarCharValue Athena returns or null for SQL NULL (a Datum without VarCharValue).
/// </summary>
public sealed record AthenaResultPage(int Number, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);
