using System.Text.RegularExpressions;

namespace Denied.Remediation;

/// <summary>
/// A SAM policy template that grants exactly the needed statement and nothing more. Most templates are broader
/// than one denied action (S3ReadPolicy adds ListBucket, GetObjectVersion and more on the whole bucket;
/// SQSPollerPolicy adds the batch and visibility actions), so only exact equivalents are listed
/// (definitions: aws/serverless-application-model, samtranslator/policy_templates_data/policy_templates.json).
/// </summary>
internal sealed partial record SamPolicyTemplate(string Name, string Parameter, string Value)
{
    /// <summary>The template equal to the single role statement, or null to use a Statement.</summary>
    public static SamPolicyTemplate? Match(FixDraft draft)
    {
        if (draft.RoleStatements is not [{ Actions: [var action], Resources: [var resource], Conditions.Count: 0, Principal: null }]
            || IamLiteral.NeedsEscape(resource) || Arn.TryParse(resource) is not { } arn)
        {
            return null;
        }

        // Templates other than the secret one build the ARN from the stack's own partition, region and account.
        var local = arn.Region == draft.Region && arn.Account == draft.Account && arn.Partition == "aws";
        var match = action switch
        {
            "secretsmanager:GetSecretValue" when arn.Service == "secretsmanager" =>
                new SamPolicyTemplate("AWSSecretsManagerGetSecretValuePolicy", "SecretArn", resource),
            "kms:Decrypt" when local && arn.Service == "kms" && arn.Resource.StartsWith("key/", StringComparison.Ordinal) =>
                new SamPolicyTemplate("KMSDecryptPolicy", "KeyId", arn.Resource["key/".Length..]),
            "sns:Publish" when local && arn.Service == "sns" && !arn.Resource.Contains(':', StringComparison.Ordinal) =>
                new SamPolicyTemplate("SNSPublishMessagePolicy", "TopicName", arn.Resource),
            _ => null,
        };
        return match is not null && Plain().IsMatch(match.Value) ? match : null;
    }

    // Template parameters are substituted into Fn::Sub strings; only plain ARN characters are passed that way.
    [GeneratedRegex(@"\A[A-Za-z0-9_.:/+=,@-]+\z")]
    private static partial Regex Plain();
}
