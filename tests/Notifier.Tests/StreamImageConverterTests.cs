using System.Text.Json;
using Denied.Notifier.Events;

namespace Notifier.Tests;

public sealed class StreamImageConverterTests
{
    [Fact]
    public void EveryDynamoDbJsonTypeConverts()
    {
        var item = Convert("""
            {"s":{"S":"x"},"n":{"N":"42"},"b":{"B":"AQI="},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]},
             "l":{"L":[{"S":"y"},{"N":"1"}]},"m":{"M":{"k":{"BOOL":true}}},"t":{"BOOL":false},"z":{"NULL":true}}
            """);

        Assert.Equal("x", item["s"].S);
        Assert.Equal("42", item["n"].N);
        Assert.Equal(new byte[] { 1, 2 }, item["b"].B.ToArray());
        Assert.Equal(["a", "b"], item["ss"].SS);
        Assert.Equal(["1", "2"], item["ns"].NS);
        Assert.Equal(new byte[] { 1 }, item["bs"].BS[0].ToArray());
        Assert.Equal("y", item["l"].L[0].S);
        Assert.Equal("1", item["l"].L[1].N);
        Assert.True(item["m"].M["k"].BOOL);
        Assert.False(item["t"].BOOL);
        Assert.True(item["z"].NULL);
    }

    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":{}}""")]
    [InlineData("""{"a":{"S":"x","N":"1"}}""")]
    [InlineData("""{"a":{"X":"x"}}""")]
    [InlineData("""{"a":{"S":1}}""")]
    [InlineData("""{"a":{"B":"not base64!"}}""")]
    [InlineData("""{"a":{"SS":"x"}}""")]
    [InlineData("""{"a":{"NULL":false}}""")]
    public void MalformedValues_AreFormatErrors(string json) =>
        Assert.Throws<FormatException>(() => Convert(json));

    [Fact]
    public void DeepNesting_IsRejected()
    {
        var json = string.Concat(Enumerable.Repeat("""{"L":[""", 40)) + """{"S":"x"}""" + string.Concat(Enumerable.Repeat("]}", 40));
        using var doc = JsonDocument.Parse("{\"a\":" + json + "}", new JsonDocumentOptions { MaxDepth = 256 });
        var image = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        Assert.Throws<FormatException>(() => StreamImageConverter.ToItem(image));
    }

    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> Convert(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return StreamImageConverter.ToItem(doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));
    }
}
