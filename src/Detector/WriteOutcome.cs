namespace Denied.Detector;

/// <summary>What became of one finding's write, and so of the messages behind it.</summary>
public enum WriteOutcome
{
    /// <summary>Counted (or found counted by an earlier delivery): its messages are done.</summary>
    Written,

    /// <summary>Not written, but a later delivery may be (a transient or deployment failure, or the deadline): its messages go back to SQS.</summary>
    Retry,

    /// <summary>DynamoDB refuses this finding's item itself and always will: its messages go to the dead-letter queue.</summary>
    Rejected,
}
