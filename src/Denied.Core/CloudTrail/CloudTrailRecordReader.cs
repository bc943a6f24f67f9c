using System.Text.Json;

namespace Denied.CloudTrail;

/// <summary>
/// A hand-written single pass over one CloudTrail record object for the Detector's per-event path: the same
/// <see cref="CloudTrailRecord"/> the source-generated serializer builds (<see cref="CloudTrailJsonContext"/>), without
/// its converter for a type of init-only properties, which collects every member into an argument buffer first.
/// It only reads input it is sure about: a member of a type the serializer would refuse, a repeated member, an escaped
/// member name or any reader error gives null, and the caller then runs the serializer, whose record or error is the
/// answer. A record it does return is the serializer's record, member for member (tested on every sample and fixture).
/// </summary>
public static class CloudTrailRecordReader
{
    /// <summary>The record the serializer would read from <paramref name="json"/>, or null to have the serializer read it.</summary>
    public static CloudTrailRecord? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && TryReadRecord(ref reader, out var record)
                && !reader.Read()
                    ? record
                    : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape that is no UTF-16 text ("\ud800" alone); the serializer names it.
            return null;
        }
    }

    private static bool TryReadRecord(ref Utf8JsonReader reader, out CloudTrailRecord? record)
    {
        record = null;
        string? eventVersion = null, eventId = null, eventTime = null, eventSource = null, eventName = null, awsRegion = null;
        string? sourceIp = null, userAgent = null, errorCode = null, errorMessage = null, recipient = null, eventType = null;
        string? eventCategory = null, vpcEndpointId = null, vpcEndpointAccount = null, sharedEventId = null;
        bool? readOnly = null;
        UserIdentity? identity = null;
        JsonElement? requestParameters = null;
        List<CloudTrailResource>? resources = null;
        TlsDetails? tls = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var field = RecordField(reader.ValueSpan);
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => Lenient(ref reader, out eventVersion),
                2 => Strict(ref reader, out eventId),
                3 => Strict(ref reader, out eventTime),
                4 => Strict(ref reader, out eventSource),
                5 => Strict(ref reader, out eventName),
                6 => Strict(ref reader, out awsRegion),
                7 => Strict(ref reader, out sourceIp),
                8 => Strict(ref reader, out userAgent),
                9 => Strict(ref reader, out errorCode),
                10 => Strict(ref reader, out errorMessage),
                11 => TryReadUserIdentity(ref reader, out identity),
                12 => TryReadElement(ref reader, out requestParameters),
                13 => TryReadResources(ref reader, out resources),
                14 => Strict(ref reader, out recipient),
                15 => Lenient(ref reader, out eventType),
                16 => Lenient(ref reader, out eventCategory),
                17 => LenientBool(ref reader, out readOnly),
                18 => Strict(ref reader, out vpcEndpointId),
                19 => Lenient(ref reader, out vpcEndpointAccount),
                20 => Lenient(ref reader, out sharedEventId),
                21 => TryReadTls(ref reader, out tls),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        record = new CloudTrailRecord
        {
            EventVersion = eventVersion,
            EventId = eventId,
            EventTime = eventTime,
            EventSource = eventSource,
            EventName = eventName,
            AwsRegion = awsRegion,
            SourceIpAddress = sourceIp,
            UserAgent = userAgent,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            UserIdentity = identity,
            RequestParameters = requestParameters,
            Resources = resources,
            RecipientAccountId = recipient,
            EventType = eventType,
            EventCategory = eventCategory,
            ReadOnly = readOnly,
            VpcEndpointId = vpcEndpointId,
            VpcEndpointAccountId = vpcEndpointAccount,
            SharedEventId = sharedEventId,
            TlsDetails = tls,
        };
        return true;
    }

    // The member's number in TryReadRecord, 0 for one the record does not model. Names as in CloudTrailRecord.
    private static int RecordField(ReadOnlySpan<byte> name) => name.Length switch
    {
        7 when name.SequenceEqual("eventID"u8) => 2,
        8 when name.SequenceEqual("readOnly"u8) => 17,
        9 when name.SequenceEqual("eventTime"u8) => 3,
        9 when name.SequenceEqual("eventName"u8) => 5,
        9 when name.SequenceEqual("awsRegion"u8) => 6,
        9 when name.SequenceEqual("userAgent"u8) => 8,
        9 when name.SequenceEqual("errorCode"u8) => 9,
        9 when name.SequenceEqual("eventType"u8) => 15,
        9 when name.SequenceEqual("resources"u8) => 13,
        10 when name.SequenceEqual("tlsDetails"u8) => 21,
        11 when name.SequenceEqual("eventSource"u8) => 4,
        12 when name.SequenceEqual("eventVersion"u8) => 1,
        12 when name.SequenceEqual("errorMessage"u8) => 10,
        12 when name.SequenceEqual("userIdentity"u8) => 11,
        13 when name.SequenceEqual("eventCategory"u8) => 16,
        13 when name.SequenceEqual("vpcEndpointId"u8) => 18,
        13 when name.SequenceEqual("sharedEventID"u8) => 20,
        15 when name.SequenceEqual("sourceIPAddress"u8) => 7,
        17 when name.SequenceEqual("requestParameters"u8) => 12,
        18 when name.SequenceEqual("recipientAccountId"u8) => 14,
        20 when name.SequenceEqual("vpcEndpointAccountId"u8) => 19,
        _ => 0,
    };

    private static bool TryReadUserIdentity(ref Utf8JsonReader reader, out UserIdentity? identity)
    {
        identity = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? type = null, principalId = null, arn = null, accountId = null, accessKeyId = null, userName = null, invokedBy = null;
        SessionContext? session = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            var field = name.SequenceEqual("type"u8) ? 1
                : name.SequenceEqual("principalId"u8) ? 2
                : name.SequenceEqual("arn"u8) ? 3
                : name.SequenceEqual("accountId"u8) ? 4
                : name.SequenceEqual("accessKeyId"u8) ? 5
                : name.SequenceEqual("userName"u8) ? 6
                : name.SequenceEqual("invokedBy"u8) ? 7
                : name.SequenceEqual("sessionContext"u8) ? 8
                : 0;
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => Strict(ref reader, out type),
                2 => Strict(ref reader, out principalId),
                3 => Strict(ref reader, out arn),
                4 => Strict(ref reader, out accountId),
                5 => Lenient(ref reader, out accessKeyId),
                6 => Lenient(ref reader, out userName),
                7 => Strict(ref reader, out invokedBy),
                8 => TryReadSessionContext(ref reader, out session),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        identity = new UserIdentity
        {
            Type = type, PrincipalId = principalId, Arn = arn, AccountId = accountId, AccessKeyId = accessKeyId,
            UserName = userName, InvokedBy = invokedBy, SessionContext = session,
        };
        return true;
    }

    private static bool TryReadSessionContext(ref Utf8JsonReader reader, out SessionContext? session)
    {
        session = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        SessionIssuer? issuer = null;
        string? sourceIdentity = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var field = reader.ValueSpan.SequenceEqual("sessionIssuer"u8) ? 1 : reader.ValueSpan.SequenceEqual("sourceIdentity"u8) ? 2 : 0;
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => TryReadSessionIssuer(ref reader, out issuer),
                2 => Lenient(ref reader, out sourceIdentity),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        session = new SessionContext { SessionIssuer = issuer, SourceIdentity = sourceIdentity };
        return true;
    }

    private static bool TryReadSessionIssuer(ref Utf8JsonReader reader, out SessionIssuer? issuer)
    {
        issuer = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? type = null, principalId = null, arn = null, accountId = null, userName = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            var field = name.SequenceEqual("type"u8) ? 1
                : name.SequenceEqual("principalId"u8) ? 2
                : name.SequenceEqual("arn"u8) ? 3
                : name.SequenceEqual("accountId"u8) ? 4
                : name.SequenceEqual("userName"u8) ? 5
                : 0;
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => Lenient(ref reader, out type),
                2 => Lenient(ref reader, out principalId),
                3 => Strict(ref reader, out arn),
                4 => Lenient(ref reader, out accountId),
                5 => Lenient(ref reader, out userName),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        issuer = new SessionIssuer { Type = type, PrincipalId = principalId, Arn = arn, AccountId = accountId, UserName = userName };
        return true;
    }

    private static bool TryReadTls(ref Utf8JsonReader reader, out TlsDetails? tls)
    {
        tls = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? version = null, cipher = null, host = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            var field = name.SequenceEqual("tlsVersion"u8) ? 1 : name.SequenceEqual("cipherSuite"u8) ? 2 : name.SequenceEqual("clientProvidedHostHeader"u8) ? 3 : 0;
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => Lenient(ref reader, out version),
                2 => Lenient(ref reader, out cipher),
                3 => Lenient(ref reader, out host),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        tls = new TlsDetails { TlsVersion = version, CipherSuite = cipher, ClientProvidedHostHeader = host };
        return true;
    }

    private static bool TryReadResources(ref Utf8JsonReader reader, out List<CloudTrailResource>? resources)
    {
        resources = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<CloudTrailResource>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // A null entry is dropped, as CloudTrailRecord.Resources' init accessor drops it.
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject || !TryReadResource(ref reader, out var resource))
            {
                return false;
            }

            list.Add(resource);
        }

        resources = list;
        return true;
    }

    private static bool TryReadResource(ref Utf8JsonReader reader, out CloudTrailResource resource)
    {
        resource = null!;
        string? arn = null, accountId = null, type = null;
        var seen = new Seen();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            var field = name.SequenceEqual("ARN"u8) ? 1 : name.SequenceEqual("accountId"u8) ? 2 : name.SequenceEqual("type"u8) ? 3 : 0;
            if (!seen.First(field))
            {
                return false;
            }

            reader.Read();
            var ok = field switch
            {
                1 => Strict(ref reader, out arn),
                2 => Strict(ref reader, out accountId),
                3 => Strict(ref reader, out type),
                _ => SkipValue(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        resource = new CloudTrailResource { Arn = arn, AccountId = accountId, Type = type };
        return true;
    }

    // The serializer's string: a string or null; any other value is its error, so the serializer reads the record.
    private static bool Strict(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    // LenientString: a string stays one, anything else reads as null.
    private static bool Lenient(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        reader.Skip();
        return true;
    }

    // LenientBoolean: true, false, their three string spellings; anything else reads as null.
    private static bool LenientBool(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("TRUE"u8) || reader.ValueTextEquals("True"u8) => true,
            JsonTokenType.String when reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("FALSE"u8) || reader.ValueTextEquals("False"u8) => false,
            _ => null,
        };
        reader.Skip();
        return true;
    }

    // JsonElement?: JSON null is no value; anything else is the element, copied out of the input as the serializer copies it.
    private static bool TryReadElement(ref Utf8JsonReader reader, out JsonElement? element)
    {
        element = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
        return true;
    }

    private static bool SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    // Which modelled members an object has had: a repeated one goes to the serializer (last one wins there).
    private struct Seen
    {
        private ulong _bits;

        public bool First(int field)
        {
            if (field == 0)
            {
                return true;
            }

            var bit = 1UL << field;
            var first = (_bits & bit) == 0;
            _bits |= bit;
            return first;
        }
    }
}
