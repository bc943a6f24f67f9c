using System.Xml;

namespace Denied.AwsClients;

/// <summary>
/// Reads the AWS query protocol's XML (SNS): a result element's text, or
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/ErrorResponse&gt;</c>.
/// XmlReader with DTDs prohibited and no resolver: no reflection, no entity expansion.
/// </summary>
internal static class QueryProtocolXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The text of the first element named <paramref name="localName"/> (any namespace), or null.</summary>
    public static string? FirstElementText(byte[] xml, string localName)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
                {
                    return reader.ReadElementContentAsString();
                }
            }
        }
        catch (XmlException)
        {
        }

        return null;
    }

    /// <summary>Code and Message of the first <c>Error</c> element; nulls when the body is not query-protocol XML.</summary>
    public static AwsErrorDetail ReadError(byte[] xml)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), Settings);
            if (!FindLocal(reader, "Error"))
            {
                return new AwsErrorDetail(null, null);
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Code")
                {
                    code = reader.ReadElementContentAsString(); // leaves the reader on the next node
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Message")
                {
                    message = reader.ReadElementContentAsString();
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException)
        {
        }

        return new AwsErrorDetail(code, message);
    }

    private static bool FindLocal(XmlReader reader, string localName)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
            {
                return true;
            }
        }

        return false;
    }
}
