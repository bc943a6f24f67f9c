namespace Denied.Rendering;

/// <summary>
/// The version of the JSON contract (docs/schemas/*.schema.json) written as "schemaVersion" in every diagnosis
/// record, finding, scan output and structured SNS message. The minor number grows when fields are added
/// (readers ignore fields they do not know); the major number would grow only if a field changed meaning.
/// </summary>
public static class SchemaVersion
{
    public const string Current = "1.0";
}
