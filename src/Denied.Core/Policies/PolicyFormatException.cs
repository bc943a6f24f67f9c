namespace Denied.Policies;

/// <summary>A policy document or policy file that is not what AWS accepts; the message names the element.</summary>
public sealed class PolicyFormatException(string message) : Exception(message);
