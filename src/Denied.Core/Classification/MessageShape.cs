namespace Denied.Classification;

/// <summary>Which documented message form an errorMessage took; decides what it can tell.</summary>
public enum MessageShape
{
    /// <summary>"User: P is not authorized to perform: A [on resource: R] [because ... | with an explicit deny ...]".</summary>
    Enhanced,

    /// <summary>S3's form with the resource in double quotes and no "resource:" label.</summary>
    EnhancedQuotedResource,

    /// <summary>"User: P is not authorized to access this resource".</summary>
    NotAuthorizedToAccessResource,

    /// <summary>"Principal [P] is not allowed to execute [A] on the resource".</summary>
    PrincipalNotAllowed,

    /// <summary>EC2: "You are not authorized to perform this operation. Encoded authorization failure message: ...".</summary>
    EncodedAuthorizationFailure,

    /// <summary>KMS: "The ciphertext refers to a customer master key that does not exist, ... or you are not allowed to access."</summary>
    KmsCiphertext,

    /// <summary>
    /// Secrets Manager's "Access to KMS is not allowed": KMS refused the call Secrets Manager made for the caller
    /// with the secret's key; the message names neither the key nor the KMS action.
    /// </summary>
    KmsAccessNotAllowed,

    /// <summary>"The request was denied due to a VPC endpoint policy" (errorCode VpceAccessDenied).</summary>
    VpcEndpointDenied,

    /// <summary>Plain "Access Denied" (S3 cross-account, anonymous, or before enhanced messages).</summary>
    PlainAccessDenied,

    /// <summary>"Access to the resource R is denied" and similar: a resource, nothing else.</summary>
    ResourceDenied,

    /// <summary>Lambda's up-front execution-role check: "The provided execution role does not have permissions to call X on Y".</summary>
    ConfigurationTime,

    /// <summary>
    /// Lambda's "The role defined for the function cannot be assumed by Lambda." on CreateFunction or
    /// UpdateFunctionConfiguration: the role's trust policy does not let lambda.amazonaws.com call sts:AssumeRole.
    /// </summary>
    LambdaTrustPolicyRejection,

    /// <summary>Some "not authorized" wording with nothing to extract.</summary>
    GenericNotAuthorized,

    /// <summary>Only an SDK wrapper ("An error occurred (Code) when calling the Op operation: ...") was recognised.</summary>
    WrappedOnly,
}
