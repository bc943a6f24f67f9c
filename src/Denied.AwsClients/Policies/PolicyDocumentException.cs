namespace Denied.AwsClients.Policies;

/// <summary>A policy document a service returned that is not a JSON object (or not decodable): reported as a failed read.</summary>
public sealed class PolicyDocumentException : Exception
{
    public PolicyDocumentException()
    {
    }

    public PolicyDocumentException(string message)
        : base(message)
    {
    }

    public PolicyDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
