using System.Text.Json;

namespace Denied.Resources;

/// <summary>
/// tableName (a name or, for cross-account access, a table ARN) -> table ARN; with indexName -> the
/// index ARN (a Query on an index is authorised on table/T/index/I). Batch and transaction requests
/// name tables in requestItems / transactItems; one table gives its ARN, several give a note.
/// </summary>
internal sealed class DynamoDbRequestResource : IRequestResourceRule
{
    private static readonly string[] TransactItemKinds = ["Get", "Put", "Update", "Delete", "ConditionCheck"];

    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("dynamodb"))
        {
            return [];
        }

        var tables = TableNames(context).Distinct(StringComparer.Ordinal).ToList();
        if (tables.Count > 1)
        {
            return [ResourceCandidate.NoteOnly($"the request names several tables ({string.Join(", ", tables)}); the error message says which was denied")];
        }

        return tables.Count == 1 ? ForTable(context, tables[0], context.String("indexName")) : [];
    }

    private static IEnumerable<ResourceCandidate> ForTable(ResourceContext context, string table, string? index)
    {
        var isArn = table.StartsWith("arn:", StringComparison.Ordinal);
        if (index is not null)
        {
            yield return isArn
                ? ResourceCandidate.ForArn($"{table}/index/{index}")
                : ResourceCandidate.ForType("index", context.Values(("TableName", table), ("IndexName", index)));
        }

        yield return isArn
            ? ResourceCandidate.ForArn(table)
            : ResourceCandidate.ForType("table", context.Values(("TableName", table)));
    }

    private static IEnumerable<string> TableNames(ResourceContext context)
    {
        if (context.String("tableName") is { } table)
        {
            yield return table;
        }

        if (JsonParameters.Property(context.Parameters, "requestItems") is { ValueKind: JsonValueKind.Object } items)
        {
            foreach (var property in items.EnumerateObject())
            {
                yield return property.Name;
            }
        }

        if (JsonParameters.Property(context.Parameters, "transactItems") is { ValueKind: JsonValueKind.Array } transact)
        {
            foreach (var item in transact.EnumerateArray())
            {
                foreach (var kind in TransactItemKinds)
                {
                    if (JsonParameters.Property(item, kind) is { } operation && JsonParameters.String(operation, "tableName") is { } name)
                    {
                        yield return name;
                    }
                }
            }
        }
    }
}
