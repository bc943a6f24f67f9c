namespace Denied.Notifications;

/// <summary>
/// The SNS Message for MessageStructure=json (Amazon SNS Developer Guide, "Amazon SNS message publishing", message structure json): a JSON object whose keys name the protocol each
/// message goes to. "default" and "https" carry the Amazon Q Developer custom notification, because Q Developer
/// subscribes to the topic as an https endpoint; "email" carries the plain text; "email-json", "sqs", "lambda"
/// and "http" carry the structured JSON. Protocols without a key (sms, firehose, application) get "default".
/// Caveat: SNS cannot tell Q Developer from other https endpoints, so every https subscriber receives the chat
/// JSON. An HTTPS webhook that wants the structured form subscribes with protocol http where it can, or the
/// deployment gives Q Developer its own topic; a subscription filter policy on the message attributes selects
/// findings, not formats.
/// </summary>
public static class SnsEnvelope
{
    public static string Build(string chatbotJson, string emailText, string structuredJson)
    {
        ArgumentNullException.ThrowIfNull(chatbotJson);
        ArgumentNullException.ThrowIfNull(emailText);
        ArgumentNullException.ThrowIfNull(structuredJson);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("default", chatbotJson);
            w.WriteString("https", chatbotJson);
            w.WriteString("email", emailText);
            w.WriteString("email-json", structuredJson);
            w.WriteString("sqs", structuredJson);
            w.WriteString("lambda", structuredJson);
            w.WriteString("http", structuredJson);
            w.WriteEndObject();
        });
    }
}
