namespace Denied.AwsClients.Policies;

/// <summary>What one policy read found, so an evaluation can name what it could not see.</summary>
public enum PolicyReadOutcome
{
    /// <summary>The document was read.</summary>
    Read,

    /// <summary>The read succeeded and the resource has no such policy (a bucket without a bucket policy).</summary>
    Absent,

    /// <summary>The credentials may not read it (AccessDenied and its per-service spellings, HTTP 403).</summary>
    Refused,

    /// <summary>Any other failure: the resource does not exist, throttling outlasted the retries, no connection.</summary>
    Failed,
}
