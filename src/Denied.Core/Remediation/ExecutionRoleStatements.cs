namespace Denied.Remediation;

/// <summary>
/// The execution-role statements for a denied action: the action on its resource, plus the companions that
/// follow from it (the last step of a diagnosis: the fix). An ordered table, first match wins; each companion is named in the notes.
/// Resources are IAM-escaped (<see cref="IamLiteral"/>) so a statement never matches more than the resource.
/// </summary>
internal static class ExecutionRoleStatements
{
    private static readonly string[] XRay = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

    private static readonly string[] NetworkInterfaces =
    [
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
    ];

    private static readonly string[] Logs = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"];
    private static readonly string[] SqsTrigger = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
    private static readonly string[] StreamReads = ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream"];

    // The Kinesis event source mapping set: what Lambda checks when the mapping is created and then uses to poll
    // (Lambda DG "Process Amazon Kinesis Data Streams records with Lambda"; the AWSLambdaKinesisExecutionRole policy).
    private static readonly string[] KinesisStreamReads =
    [
        "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
    ];

    public static (List<PolicyStatement> Statements, List<string> Notes) For(ActionName action, string? resource, FixRequest request)
    {
        var full = action.Full;
        var notes = new List<string>();
        var statements = new List<PolicyStatement>();

        if (Contains(XRay, full))
        {
            // X-Ray has no resource types (Service Authorization Reference), so "*" is the narrowest resource.
            statements.Add(Allow(Ordered(full, XRay), "*"));
            notes.Add("Companion: " + Other(full, XRay) + " - the X-Ray SDK sends both. X-Ray actions have no resource-level permissions, so Resource must be \"*\". In SAM, Tracing: Active adds them.");
        }
        else if (Contains(NetworkInterfaces, full))
        {
            statements.Add(Allow(Ordered(full, NetworkInterfaces), "*"));
            notes.Add("Companions: " + Other(full, NetworkInterfaces) + " - Lambda manages the network interfaces of a function in a VPC with its execution role. DescribeNetworkInterfaces has no resource-level permissions and the interfaces do not exist before Lambda creates them, so Resource is \"*\".");
            notes.Add("The AWS managed policy AWSLambdaVPCAccessExecutionRole (arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole) grants the same set, with the logs actions.");
        }
        else if (Contains(Logs, full) && LogGroup(resource, request) is { } logGroup)
        {
            statements.Add(Allow(Ordered(full, Logs), logGroup));
            notes.Add("Companions: " + Other(full, Logs) + " - the Lambda runtime creates the group, then a stream per execution environment, then writes events. Resource is the function's own log group with \":*\" for its streams.");
        }
        else if (Contains(SqsTrigger, full) && request.IsConfigurationTime && resource is not null && resource != "*")
        {
            statements.Add(Allow(Ordered(full, SqsTrigger), Literal(resource, request)));
            notes.Add("Companions: " + Other(full, SqsTrigger) + " - an SQS event source mapping polls, deletes processed messages and reads the queue's attributes; all three are checked when the mapping is created.");
            notes.Add("If the queue is encrypted with a customer managed KMS key, the role also needs kms:Decrypt on that key (and the key policy must allow it).");
        }
        else if (Contains(StreamReads, full) || full == "dynamodb:ListStreams")
        {
            AddStreamReads(full, resource, statements, notes);
        }
        else if ((Contains(KinesisStreamReads, full) || full.Equals("kinesis:ListStreams", StringComparison.OrdinalIgnoreCase))
            && request.IsConfigurationTime && IsKinesisStream(resource))
        {
            AddKinesisStreamReads(full, Literal(resource!, request), statements, notes);
        }
        else if (resource is not null)
        {
            statements.Add(Allow([full], Literal(resource, request)));
            AddS3Companions(action, resource, statements, notes);
        }

        if (statements.Any(s => s.Resources.Any(r => r.Contains("${", StringComparison.Ordinal))))
        {
            notes.Add("The resource contains characters IAM reads as wildcards or variables (*, ?, $); they are written as ${*}, ${?} and ${$} so the statement matches this resource only.");
        }

        // A trailing wildcard is honoured for three shapes: a secret named without its random suffix, an EC2 creation
        // ARN AWS itself ends in "*", and an S3 object prefix (whose own note comes with the finding's scope).
        if (resource == request.Resource && IamLiteral.WildcardSuffix(request) is > 0 and var wildcards
            && Arn.TryParse(resource) is { Service: "secretsmanager" })
        {
            notes.Add("The last " + wildcards + " characters of the resource are wildcards on purpose: the record names the secret without the random suffix Secrets Manager adds to every secret ARN (\"-\" and six characters), and each ? matches one character of it. The statement matches this secret name only; for the exact ARN run aws secretsmanager describe-secret --secret-id NAME --query ARN.");
        }

        return (statements, notes);
    }

    private static void AddStreamReads(string full, string? resource, List<PolicyStatement> statements, List<string> notes)
    {
        var arn = Arn.TryParse(resource) is { Service: "dynamodb" } parsed ? parsed : null;
        var isStream = arn is not null && arn.Resource.Contains("/stream/", StringComparison.Ordinal);
        var isTable = arn is not null && arn.Resource.StartsWith("table/", StringComparison.Ordinal) && arn.Resource.IndexOf('/', "table/".Length) < 0;
        if (full != "dynamodb:ListStreams" && !isStream && !isTable)
        {
            // Offering only the companion dynamodb:ListStreams would grant an action that was not denied and not the one that was.
            notes.Add("The stream ARN was not in the record, so no statement is suggested. A stream reader needs dynamodb:GetRecords, dynamodb:GetShardIterator and dynamodb:DescribeStream on the table's stream ARN, arn:...:table/NAME/stream/LABEL (aws dynamodb describe-table --table-name NAME --query Table.LatestStreamArn), and dynamodb:ListStreams on \"*\".");
            return;
        }

        if (isStream)
        {
            statements.Add(Allow(Ordered(full, StreamReads), IamLiteral.Escape(resource!)));
        }
        else if (isTable)
        {
            // The stream label changes when the stream is re-enabled; "/stream/*" covers this table's streams only.
            statements.Add(Allow(Ordered(full, StreamReads), IamLiteral.Escape(resource!) + "/stream/*"));
        }

        // dynamodb:ListStreams has no resource types (Service Authorization Reference): it takes "*" or nothing.
        statements.Add(Allow(["dynamodb:ListStreams"], "*"));
        notes.Add(isStream || isTable
            ? "Companions: the DynamoDB stream trigger set dynamodb:GetRecords, dynamodb:GetShardIterator and dynamodb:DescribeStream on the stream ARN" + (isTable ? " (the record names the table, not the stream, so the table's streams: TABLE/stream/*)" : "") + ", and dynamodb:ListStreams, which has no resource-level permissions and needs \"*\"."
            : "Companion: dynamodb:ListStreams needs \"*\". The stream ARN was not in the record: the trigger also needs dynamodb:GetRecords, dynamodb:GetShardIterator and dynamodb:DescribeStream on the stream ARN (arn:...:table/NAME/stream/LABEL).");
    }

    private static bool IsKinesisStream(string? resource) =>
        Arn.TryParse(resource) is { Service: "kinesis" } arn && arn.Resource.StartsWith("stream/", StringComparison.Ordinal);

    private static void AddKinesisStreamReads(string full, string stream, List<PolicyStatement> statements, List<string> notes)
    {
        // A ListStreams denial names no stream worth granting on; the reads go on the stream the mapping names.
        var reads = Contains(KinesisStreamReads, full) ? Ordered(full, KinesisStreamReads) : KinesisStreamReads;
        statements.Add(Allow(reads, stream));

        // kinesis:ListStreams has no resource types (Service Authorization Reference): "*" is its narrowest resource.
        statements.Add(Allow(["kinesis:ListStreams"], "*"));
        notes.Add("Companions: the Kinesis event source mapping set kinesis:GetRecords, kinesis:GetShardIterator, kinesis:DescribeStream, kinesis:DescribeStreamSummary and kinesis:ListShards on the stream ARN, and kinesis:ListStreams, which has no resource-level permissions and needs \"*\". Lambda checks them when the mapping is created and uses them to poll (the managed policy AWSLambdaKinesisExecutionRole grants the same on every stream).");
        notes.Add("If the stream is encrypted with a customer managed KMS key, the role also needs kms:Decrypt on that key (and the key policy must allow it). An enhanced fan-out consumer also needs kinesis:SubscribeToShard on the consumer ARN.");
    }

    /// <summary>The denied resource escaped for a statement, keeping the resolver's intended wildcards (<see cref="IamLiteral.Resource"/>).</summary>
    private static string Literal(string resource, FixRequest request) =>
        resource == request.Resource ? IamLiteral.Resource(request) : IamLiteral.Escape(resource);

    private static void AddS3Companions(ActionName action, string resource, List<PolicyStatement> statements, List<string> notes)
    {
        if (Arn.TryParse(resource) is not { Service: "s3" } arn)
        {
            return;
        }

        var slash = arn.Resource.IndexOf('/', StringComparison.Ordinal);
        if (action.Is("s3:GetObject") && slash > 0)
        {
            // s3:ListBucket applies to the bucket ARN, not bucket/* (S3 actions reference).
            var bucket = arn with { Resource = arn.Resource[..slash] };
            statements.Add(Allow(["s3:ListBucket"], IamLiteral.Escape(bucket.ToString())));
            notes.Add("Companion: s3:ListBucket on the bucket ARN (not bucket/*). Without it S3 answers a request for a missing key with 403 AccessDenied instead of 404 NoSuchKey, so a missing object looks like a permission problem. Drop it if the function only ever reads keys that exist.");
            notes.Add("If the object is encrypted with SSE-KMS (a customer managed key), the role also needs kms:Decrypt on that key and the key policy must allow it; the key is not in this record (see the object's x-amz-server-side-encryption-aws-kms-key-id).");
        }
        else if (action.Is("s3:GetObjectVersion") && slash > 0)
        {
            notes.Add("If the object is encrypted with SSE-KMS (a customer managed key), the role also needs kms:Decrypt on that key and the key policy must allow it; the key is not in this record.");
        }
        else if (action.Is("s3:PutObject") && slash > 0)
        {
            notes.Add("If the bucket encrypts with SSE-KMS (a customer managed key), the role also needs kms:GenerateDataKey on that key and the key policy must allow it; the key is not in this record.");
        }
    }

    /// <summary>The function's log group with ":*" for its streams, from the denied ARN or else from the function name.</summary>
    private static string? LogGroup(string? resource, FixRequest request)
    {
        if (Arn.TryParse(resource) is { Service: "logs" } arn && arn.Resource.StartsWith("log-group:", StringComparison.Ordinal))
        {
            var name = arn.Resource["log-group:".Length..];
            var end = name.IndexOf(':', StringComparison.Ordinal);
            var group = arn with { Resource = "log-group:" + (end < 0 ? name : name[..end]) };
            return IamLiteral.Escape(group.ToString()) + ":*";
        }

        if (request.FunctionName is { } function && request.Region is { } region && request.Account is { } account)
        {
            var partition = Arn.TryParse(request.RoleArn)?.Partition ?? "aws";
            return IamLiteral.Escape($"arn:{partition}:logs:{region}:{account}:log-group:/aws/lambda/{function}") + ":*";
        }

        return null;
    }

    private static PolicyStatement Allow(IReadOnlyList<string> actions, string resource) => new() { Actions = actions, Resources = [resource] };

    private static bool Contains(string[] set, string action) => set.Contains(action, StringComparer.OrdinalIgnoreCase);

    /// <summary>The denied action first, then the rest of its set in the set's order, in documented casing.</summary>
    private static string[] Ordered(string denied, string[] set) =>
        [.. set.Where(a => a.Equals(denied, StringComparison.OrdinalIgnoreCase)), .. set.Where(a => !a.Equals(denied, StringComparison.OrdinalIgnoreCase))];

    private static string Other(string denied, string[] set) =>
        string.Join(", ", set.Where(a => !a.Equals(denied, StringComparison.OrdinalIgnoreCase)));
}
