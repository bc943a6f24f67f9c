namespace Denied.Remediation;

/// <summary>
/// The CloudFormation resources of a fix, shared by the CloudFormation, SAM and Serverless snippets (SAM and
/// Serverless both accept plain CloudFormation resources). Comments are fixed text: a value from the record
/// never appears in a comment, where no escaping could contain a newline.
/// </summary>
internal static class CfnResourceYaml
{
    /// <summary>An AWS::IAM::RolePolicy with the role statements, as entries at <paramref name="indent"/> under Resources.</summary>
    public static void RolePolicy(YamlWriter yaml, int indent, FixDraft draft)
    {
        yaml.Line(indent, PolicyNames.LogicalId(draft.PolicyName) + ":");
        yaml.Line(indent + 2, "Type: AWS::IAM::RolePolicy");
        yaml.Line(indent + 2, "Properties:");
        if (draft.RoleName is { } roleName)
        {
            yaml.Pair(indent + 4, "RoleName", roleName);
        }
        else
        {
            // The role is unknown from the record: reference the function's role by its logical id.
            yaml.Line(indent + 4, "RoleName: !Ref FunctionRole  # the logical id of the function's execution role");
        }

        yaml.Pair(indent + 4, "PolicyName", draft.PolicyName);
        yaml.Line(indent + 4, "PolicyDocument:");
        yaml.PolicyDocument(indent + 6, draft.RoleStatements);
    }

    /// <summary>The resource-policy side: a resource where CloudFormation has one, else the fragment to merge.</summary>
    public static void ResourcePolicy(YamlWriter yaml, int indent, FixDraft draft)
    {
        var target = draft.Resource!;
        var hash = PolicyNames.Hash8(target.ArnText);
        if (draft.Permission is { } permission)
        {
            // AWS::Lambda::Permission adds one statement; it never replaces the function policy.
            yaml.Line(indent, PolicyNames.LogicalId(permission.StatementId) + ":");
            yaml.Line(indent + 2, "Type: AWS::Lambda::Permission");
            yaml.Line(indent + 2, "Properties:");
            yaml.Line(indent + 4, "Action: lambda:InvokeFunction");
            yaml.Pair(indent + 4, "FunctionName", permission.Function);
            yaml.Pair(indent + 4, "Principal", permission.CliPrincipal);
            if (permission.SourceArn is not null)
            {
                yaml.Pair(indent + 4, "SourceArn", permission.SourceArn);
            }

            if (permission.SourceAccount is not null)
            {
                yaml.Pair(indent + 4, "SourceAccount", permission.SourceAccount);
            }

            return;
        }

        switch (target.Kind)
        {
            case ResourcePolicyKind.Bucket:
                Header(yaml, indent, "DeniedBucketPolicy" + hash, "AWS::S3::BucketPolicy", "bucket");
                yaml.Pair(indent + 4, "Bucket", target.BucketName);
                Document(yaml, indent + 4, "PolicyDocument", draft);
                break;
            case ResourcePolicyKind.Queue:
                Header(yaml, indent, "DeniedQueuePolicy" + hash, "AWS::SQS::QueuePolicy", "queue");
                yaml.Line(indent + 4, "Queues:");
                yaml.Line(indent + 6, "- " + yaml.Scalar(target.QueueUrl));
                Document(yaml, indent + 4, "PolicyDocument", draft);
                break;
            case ResourcePolicyKind.Topic:
                Header(yaml, indent, "DeniedTopicPolicy" + hash, "AWS::SNS::TopicPolicy", "topic");
                yaml.Line(indent + 4, "Topics:");
                yaml.Line(indent + 6, "- " + yaml.Scalar(target.ArnText));
                Document(yaml, indent + 4, "PolicyDocument", draft);
                break;
            case ResourcePolicyKind.Secret:
                Header(yaml, indent, "DeniedSecretPolicy" + hash, "AWS::SecretsManager::ResourcePolicy", "secret");
                yaml.Pair(indent + 4, "SecretId", target.ArnText);
                Document(yaml, indent + 4, "ResourcePolicy", draft);
                break;
            case ResourcePolicyKind.Key:
                Fragment(yaml, indent, "# Add to KeyPolicy.Statement of the AWS::KMS::Key that defines this key:", "KeyPolicy", draft);
                break;
            case ResourcePolicyKind.TrustPolicy:
                Fragment(yaml, indent, "# Add to AssumeRolePolicyDocument.Statement of the AWS::IAM::Role that defines this role:", "AssumeRolePolicyDocument", draft);
                break;
            case ResourcePolicyKind.VpcEndpoint:
                Fragment(yaml, indent, "# Add to PolicyDocument.Statement of the AWS::EC2::VPCEndpoint the function calls through:", "PolicyDocument", draft);
                break;
            default:
                yaml.Line(indent, "# Add to the Statement list of the resource's policy document:");
                yaml.Line(indent, "Statement:");
                yaml.Statements(indent + 2, draft.ResourceStatements);
                break;
        }
    }

    /// <summary>True when the resource side is a fragment to merge into an existing resource, not a resource of its own.</summary>
    public static bool IsFragment(FixDraft draft) =>
        draft.Permission is null && draft.Resource?.Kind is ResourcePolicyKind.Key or ResourcePolicyKind.VpcEndpoint or ResourcePolicyKind.TrustPolicy or ResourcePolicyKind.Other;

    private static void Header(YamlWriter yaml, int indent, string logicalId, string type, string noun)
    {
        // These resources own the whole policy of their target: a second one for the same target overwrites it.
        yaml.Line(indent, $"# A {noun} has one policy: if the template already declares one ({type}) for it, add the statement there.");
        yaml.Line(indent, logicalId + ":");
        yaml.Line(indent + 2, "Type: " + type);
        yaml.Line(indent + 2, "Properties:");
    }

    private static void Document(YamlWriter yaml, int indent, string property, FixDraft draft)
    {
        yaml.Line(indent, property + ":");
        yaml.PolicyDocument(indent + 2, draft.ResourceStatements);
    }

    private static void Fragment(YamlWriter yaml, int indent, string comment, string property, FixDraft draft)
    {
        yaml.Line(indent, comment);
        yaml.Line(indent, property + ":");
        yaml.Line(indent + 2, "Statement:");
        yaml.Statements(indent + 4, draft.ResourceStatements);
    }
}
