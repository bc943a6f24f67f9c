namespace Denied.Policies;

/// <summary>Whether the request context has a key: present with values, known to be absent, or not known either way.</summary>
public enum KeyState
{
    Present,
    Absent,
    Unknown,
}
