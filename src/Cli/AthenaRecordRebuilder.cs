using System.Text.Json;
using Denied.CloudTrail;

namespace Denied.Cli;

/// <summary>
/// Turns one row of <see cref="AthenaSql.DenialQuery"/> back into the CloudTrail record it was read from, as JSON, and
/// hands it to the same parser a log file's records go through. The flattened identity columns become the nested
/// userIdentity and sessionContext.sessionIssuer objects; requestparameters (the table keeps it as the record's JSON
/// text) is written back as JSON; the resources triples become the resources objects; readonly ('true'/'false') a
/// boolean. SQL NULL leaves the field out, as the record had it. Fields the documented table does not keep
/// (sessionContext.sourceIdentity, vpcEndpointAccountId) are absent, so the diagnosis treats them as unknown.
/// </summary>
public static class AthenaRecordRebuilder
{
    private static readonly (string Column, string Field)[] TopLevel =
    [
        ("eventversion", "eventVersion"), ("eventid", "eventID"), ("eventtime", "eventTime"), ("eventsource", "eventSource"),
        ("eventname", "eventName"), ("awsregion", "awsRegion"), ("sourceipaddress", "sourceIPAddress"), ("useragent", "userAgent"),
        ("errorcode", "errorCode"), ("errormessage", "errorMessage"), ("recipientaccountid", "recipientAccountId"),
        ("eventtype", "eventType"), ("eventcategory", "eventCategory"), ("vpcendpointid", "vpcEndpointId"), ("sharedeventid", "sharedEventID"),
    ];

    private static readonly (string Column, string Field)[] Identity =
    [
        ("useridentity_type", "type"), ("useridentity_principalid", "principalId"), ("useridentity_arn", "arn"),
        ("useridentity_accountid", "accountId"), ("useridentity_accesskeyid", "accessKeyId"), ("useridentity_username", "userName"),
        ("useridentity_invokedby", "invokedBy"),
    ];

    private static readonly (string Column, string Field)[] Issuer =
    [
        ("sessionissuer_type", "type"), ("sessionissuer_principalid", "principalId"), ("sessionissuer_arn", "arn"),
        ("sessionissuer_accountid", "accountId"), ("sessionissuer_username", "userName"),
    ];

    /// <summary>The row as an input item: a parsed record, or an error naming the location and the column at fault.</summary>
    public static InputItem Read(IReadOnlyList<string> columns, IReadOnlyList<string?> row, string location)
    {
        byte[] json;
        try
        {
            json = Rebuild(columns, row);
        }
        catch (FormatException e)
        {
            return InputItem.Failed(location, e.Message);
        }

        var parsed = CloudTrailRecordParser.Parse(json);
        return parsed.Record is { } record ? InputItem.Of(location, record) : InputItem.Failed(location, parsed.Error!);
    }

    /// <summary>The record's JSON; <see cref="FormatException"/> when a JSON column does not hold JSON.</summary>
    public static byte[] Rebuild(IReadOnlyList<string> columns, IReadOnlyList<string?> row)
    {
        string? Cell(string name)
        {
            for (var i = 0; i < columns.Count && i < row.Count; i++)
            {
                if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return row[i];
                }
            }

            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (column, field) in TopLevel)
            {
                WriteString(w, field, Cell(column));
            }

            if (Cell("readonly") is { } readOnly && bool.TryParse(readOnly, out var isReadOnly))
            {
                w.WriteBoolean("readOnly", isReadOnly);
            }

            if (Identity.Any(c => Cell(c.Column) is not null) || Issuer.Any(c => Cell(c.Column) is not null))
            {
                w.WriteStartObject("userIdentity");
                foreach (var (column, field) in Identity)
                {
                    WriteString(w, field, Cell(column));
                }

                if (Issuer.Any(c => Cell(c.Column) is not null))
                {
                    w.WriteStartObject("sessionContext");
                    w.WriteStartObject("sessionIssuer");
                    foreach (var (column, field) in Issuer)
                    {
                        WriteString(w, field, Cell(column));
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            if (Cell("requestparameters") is { } parameters)
            {
                w.WritePropertyName("requestParameters");
                WriteJson(w, parameters, "requestparameters");
            }

            if (Cell("resources") is { } resources)
            {
                WriteResources(w, resources);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteString(Utf8JsonWriter w, string field, string? value)
    {
        if (value is not null)
        {
            w.WriteString(field, value);
        }
    }

    private static void WriteJson(Utf8JsonWriter w, string text, string column)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            doc.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            throw new FormatException($"column {column} is not JSON");
        }
    }

    private static void WriteResources(Utf8JsonWriter w, string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new FormatException("column resources is not JSON");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("column resources is not a JSON array");
            }

            w.WriteStartArray("resources");
            foreach (var triple in doc.RootElement.EnumerateArray())
            {
                if (triple.ValueKind != JsonValueKind.Array || triple.GetArrayLength() != 3)
                {
                    throw new FormatException("column resources holds an entry that is not [arn, accountId, type]");
                }

                w.WriteStartObject();
                WriteTripleField(w, "ARN", triple[0]);
                WriteTripleField(w, "accountId", triple[1]);
                WriteTripleField(w, "type", triple[2]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static void WriteTripleField(Utf8JsonWriter w, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            w.WriteString(field, value.GetString());
        }
    }
}
