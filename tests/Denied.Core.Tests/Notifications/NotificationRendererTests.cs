using System.Text.Json;
using Denied.Diagnostics;
using Denied.Notifications;

namespace Denied.Core.Tests.Notifications;

public sealed class NotificationRendererTests
{
    private static readonly Notification New = new("new", SomeFinding.Of());

    [Fact]
    public void Subject_NamesFunctionActionAndLayer()
    {
        Assert.Equal("Denied: orders-api cannot s3:GetObject (identity-policy)", EmailRenderer.Subject(New));
        Assert.Equal("Denied (reopened): orders-api cannot s3:GetObject (identity-policy)", EmailRenderer.Subject(New with { Transition = "reopened#1" }));
        Assert.Equal("Denied (1000+ times): orders-api cannot s3:GetObject (identity-policy)", EmailRenderer.Subject(New with { Transition = "threshold#1000" }));
    }

    [Fact]
    public void EmailBody_ShowsTheFactsAndTheFix()
    {
        var body = EmailRenderer.Body(New);

        Assert.StartsWith("Denied found a new AccessDenied problem of a Lambda function.\n\n", body, StringComparison.Ordinal);
        Assert.Contains("  Function:  orders-api\n", body, StringComparison.Ordinal);
        Assert.Contains("  Role:      arn:aws:iam::123456789012:role/service/orders-api-role\n", body, StringComparison.Ordinal);
        Assert.Contains("  Action:    s3:GetObject\n", body, StringComparison.Ordinal);
        Assert.Contains("  Resource:  arn:aws:s3:::acme-orders/2024/05/order-1001.json\n", body, StringComparison.Ordinal);
        Assert.Contains("  Layer:     identity-policy, implicit deny (no policy allows it)\n", body, StringComparison.Ordinal);
        Assert.Contains("  Severity:  low\n", body, StringComparison.Ordinal);
        Assert.Contains("  Count:     3\n  First:     2024-05-01T10:00:00Z\n  Last:      2024-05-01T10:05:00Z\n", body, StringComparison.Ordinal);
        Assert.Contains("How to fix it (target: execution-role)", body, StringComparison.Ordinal);
        Assert.Contains("\"s3:GetObject\"", body, StringComparison.Ordinal);
        Assert.Contains("aws iam put-role-policy", body, StringComparison.Ordinal);
        Assert.Contains("denied findings resolve " + New.Finding.Id, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:s3:::acme-orders/in/x```y.json")]
    [InlineData("arn:aws:s3:::acme-orders/in/x````y.json")]
    public void Chatbot_AStatementWithAFenceRunIsNotShownAlteredButSentToTheEmail(string resource)
    {
        var notification = new Notification("new", SomeFinding.Of(SomeFinding.Diagnosis(resource: resource)));

        using var doc = JsonDocument.Parse(ChatbotRenderer.Render(notification));
        var description = doc.RootElement.GetProperty("content").GetProperty("description").GetString()!;

        Assert.DoesNotContain("```", description, StringComparison.Ordinal);
        Assert.Contains("*Fix:* add to the execution-role the statement in the email or `denied findings show` (it holds backticks a chat code block cannot show)", description, StringComparison.Ordinal);
        Assert.Contains(resource, EmailRenderer.Body(notification), StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatedFinding_EmailAndChatShowTheEvaluationAndTheDecidingStatement()
    {
        var notification = new Notification("new", SomeFinding.Of(SomeFinding.Evaluated(SomeFinding.Diagnosis())));

        var body = EmailRenderer.Body(notification);
        var chat = ChatbotRenderer.Render(notification);

        Assert.Contains("  Evaluated: implicit-deny in the identity-policy (policies from live; not read: service-control-policy, resource-control-policy)\n", body, StringComparison.Ordinal);
        Assert.Contains("  Statement: Allow Statement \"ReadReports\" of inline policy read-reports: does not match on resource\n", body, StringComparison.Ordinal);
        Assert.Contains("Statement:* Allow Statement", chat, StringComparison.Ordinal);
        Assert.Contains("ReadReports", chat, StringComparison.Ordinal);
    }

    [Fact]
    public void UnevaluatedFinding_ShowsNoEvaluationLines()
    {
        var body = EmailRenderer.Body(new Notification("new", SomeFinding.Of()));

        Assert.DoesNotContain("Evaluated:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Statement:", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Chatbot_IsACustomNotificationThreadedByFinding()
    {
        using var doc = JsonDocument.Parse(ChatbotRenderer.Render(New));
        var root = doc.RootElement;

        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal("custom", root.GetProperty("source").GetString());
        var content = root.GetProperty("content");
        Assert.Equal("client-markdown", content.GetProperty("textType").GetString());
        Assert.Equal(":no_entry: New AccessDenied: orders-api cannot s3:GetObject", content.GetProperty("title").GetString());
        var description = content.GetProperty("description").GetString()!;
        Assert.Contains("*Action:* s3:GetObject\n", description, StringComparison.Ordinal);
        Assert.Contains("```\n{", description, StringComparison.Ordinal);
        Assert.True(description.Split("```").Length == 3, "exactly one closed code block");
        Assert.True(content.GetProperty("nextSteps").GetArrayLength() >= 2);
        var metadata = root.GetProperty("metadata");
        Assert.Equal("denied-" + New.Finding.Id, metadata.GetProperty("threadId").GetString());
        Assert.Equal(ChatbotRenderer.EventType, metadata.GetProperty("eventType").GetString());
        Assert.Equal("Denied: orders-api cannot s3:GetObject (identity-policy)", metadata.GetProperty("summary").GetString());
        Assert.Equal(SomeFinding.Bucket, metadata.GetProperty("relatedResources")[1].GetString());
        Assert.Equal("low", metadata.GetProperty("additionalContext").GetProperty("severity").GetString());
    }

    [Fact]
    public void Structured_CarriesTheWholeFinding()
    {
        using var doc = JsonDocument.Parse(StructuredRenderer.Render(New));
        var root = doc.RootElement;

        Assert.Equal("denied.finding", root.GetProperty("type").GetString());
        Assert.Equal("new", root.GetProperty("transition").GetString());
        Assert.False(root.GetProperty("truncated").GetBoolean());
        var finding = root.GetProperty("finding");
        Assert.Equal(New.Finding.Id, finding.GetProperty("findingId").GetString());
        Assert.Equal("s3:GetObject", finding.GetProperty("action").GetString());
        Assert.Equal("identity-policy", finding.GetProperty("layer").GetString());
        Assert.Equal(3, finding.GetProperty("count").GetInt64());
        Assert.Equal("execution-role", finding.GetProperty("fix").GetProperty("target").GetString());
        Assert.Equal("open", finding.GetProperty("status").GetString());
    }

    [Fact]
    public void Envelope_HasAFormatPerProtocolAndDefaultIsTheChatJson()
    {
        var rendered = NotificationRenderer.Render(New);
        using var doc = JsonDocument.Parse(rendered.Message);
        var root = doc.RootElement;

        var chat = root.GetProperty("default").GetString();
        Assert.Equal(chat, root.GetProperty("https").GetString());
        Assert.Equal(ChatbotRenderer.Render(New), chat);
        Assert.Equal(EmailRenderer.Body(New), root.GetProperty("email").GetString());
        var structured = StructuredRenderer.Render(New);
        foreach (var protocol in new[] { "email-json", "sqs", "lambda", "http" })
        {
            Assert.Equal(structured, root.GetProperty(protocol).GetString());
        }

        Assert.False(rendered.Truncated);
        Assert.Equal(EmailRenderer.Subject(New), rendered.Subject);
    }

    [Fact]
    public void Attributes_LetSubscribersFilter()
    {
        var attributes = NotificationAttributes.For(New);

        Assert.Equal("123456789012", attributes["account"]);
        Assert.Equal("orders-api", attributes["function"]);
        Assert.Equal("s3", attributes["service"]);
        Assert.Equal("identity-policy", attributes["layer"]);
        Assert.Equal("low", attributes["severity"]);
        Assert.Equal("new", attributes["transition"]);
        Assert.Equal(New.Finding.Id, attributes["findingId"]);
    }

    [Fact]
    public void ExplicitScpDeny_IsHighAndOffersNoAllow()
    {
        var scp = new Notification("new", SomeFinding.Of(SomeFinding.Diagnosis(layer: DenialLayer.ServiceControlPolicy, explicitDeny: true)));

        Assert.Equal("high", NotificationAttributes.For(scp)["severity"]);
        using var doc = JsonDocument.Parse(ChatbotRenderer.Render(scp));
        var content = doc.RootElement.GetProperty("content");
        Assert.StartsWith(":rotating_light:", content.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("An Allow cannot fix a deny", content.GetProperty("nextSteps")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Layer:     service-control-policy, explicit deny", EmailRenderer.Body(scp), StringComparison.Ordinal);
    }
}
