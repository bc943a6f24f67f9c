using System.Xml;
using System.Xml.Linq;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Reads a query-protocol reply (IAM, SNS) into an <see cref="XElement"/> tree with DTDs prohibited and no
/// resolver, and finds elements by local name (the replies carry a default namespace).
/// </summary>
internal static class QueryXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    public static XElement Load(byte[] body, string operation, string? arn)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings);
            return XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new AwsServiceException(operation, arn, 200, null, false, "unreadable reply: " + ex.Message, ex);
        }
    }

    /// <summary>The first descendant named <paramref name="localName"/>, or null.</summary>
    public static XElement? Find(this XElement root, string localName) =>
        root.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>The direct children named <paramref name="localName"/>.</summary>
    public static IEnumerable<XElement> Children(this XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    /// <summary>The text of the direct child named <paramref name="localName"/>, or null.</summary>
    public static string? ChildText(this XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
