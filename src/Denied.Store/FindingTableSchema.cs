using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The findings table in code: keys pk/sk (S), six GSIs on lastSeen with projection ALL, a
/// NEW_AND_OLD_IMAGES stream and TTL on expiresAt. template.yaml declares the same table; tests and the
/// CLI's local setup create it from here, and <see cref="FindingStore.VerifyTableAsync"/> checks a live
/// table against it.
/// </summary>
public static class FindingTableSchema
{
    public static FindingIndex ByStatus { get; } = new("byStatus", A.Status);
    public static FindingIndex ByFunction { get; } = new("byFunction", A.FunctionName);
    public static FindingIndex ByRole { get; } = new("byRole", A.RoleArn);
    public static FindingIndex ByAction { get; } = new("byAction", A.Action);
    public static FindingIndex ByService { get; } = new("byService", A.Service);
    public static FindingIndex ByAccount { get; } = new("byAccount", A.Account);

    public static IReadOnlyList<FindingIndex> Indexes { get; } = [ByStatus, ByFunction, ByRole, ByAction, ByService, ByAccount];

    /// <summary>The CreateTable request for the exact table (on-demand billing). TTL needs <see cref="TimeToLiveRequest"/> after it.</summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(A.Pk, KeyType.HASH), new KeySchemaElement(A.Sk, KeyType.RANGE)],
        AttributeDefinitions =
        [
            new AttributeDefinition(A.Pk, ScalarAttributeType.S),
            new AttributeDefinition(A.Sk, ScalarAttributeType.S),
            new AttributeDefinition(A.LastSeen, ScalarAttributeType.S),
            .. Indexes.Select(i => new AttributeDefinition(i.HashAttribute, ScalarAttributeType.S)),
        ],
        GlobalSecondaryIndexes = Indexes.Select(i => new GlobalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = [new KeySchemaElement(i.HashAttribute, KeyType.HASH), new KeySchemaElement(A.LastSeen, KeyType.RANGE)],
            Projection = new Projection { ProjectionType = ProjectionType.ALL },
        }).ToList(),
        StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
    };

    /// <summary>Turns on TTL on expiresAt: resolved findings, ledger entries, markers and expired rules age out.</summary>
    public static UpdateTimeToLiveRequest TimeToLiveRequest(string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = A.ExpiresAt, Enabled = true },
    };

    /// <summary>What a described table lacks compared with this schema, one sentence each; empty when it matches.</summary>
    public static IReadOnlyList<string> Problems(TableDescription table)
    {
        var problems = new List<string>();
        var keys = table.KeySchema ?? [];
        if (!HasKey(keys, A.Pk, KeyType.HASH) || !HasKey(keys, A.Sk, KeyType.RANGE))
        {
            problems.Add($"key schema must be {A.Pk} (HASH) + {A.Sk} (RANGE), found "
                + string.Join(", ", keys.Select(k => $"{k.AttributeName} ({k.KeyType})")));
        }

        var gsis = table.GlobalSecondaryIndexes ?? [];
        foreach (var index in Indexes)
        {
            var found = gsis.FirstOrDefault(g => g.IndexName == index.Name);
            if (found is null)
            {
                problems.Add($"global secondary index '{index.Name}' ({index.HashAttribute} + {A.LastSeen}) is missing");
            }
            else if (!HasKey(found.KeySchema ?? [], index.HashAttribute, KeyType.HASH) || !HasKey(found.KeySchema ?? [], A.LastSeen, KeyType.RANGE))
            {
                problems.Add($"global secondary index '{index.Name}' must be keyed {index.HashAttribute} (HASH) + {A.LastSeen} (RANGE)");
            }
            else if (found.Projection?.ProjectionType != ProjectionType.ALL)
            {
                problems.Add($"global secondary index '{index.Name}' must project ALL attributes");
            }
        }

        var stream = table.StreamSpecification;
        if (stream?.StreamEnabled != true || stream.StreamViewType != StreamViewType.NEW_AND_OLD_IMAGES)
        {
            problems.Add("the stream must be enabled with view type NEW_AND_OLD_IMAGES (the Notifier reads it)");
        }

        return problems;
    }

    private static bool HasKey(List<KeySchemaElement> keys, string name, KeyType type) =>
        keys.Any(k => k.AttributeName == name && k.KeyType == type);
}
