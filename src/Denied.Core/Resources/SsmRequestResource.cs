using System.Text.Json;

namespace Denied.Resources;

/// <summary>
/// Parameter Store: name (GetParameter, PutParameter), a single entry of names (GetParameters) or path
/// (GetParametersByPath) -> <c>arn:...:ssm:R:A:parameter/a/b</c>: the ARN carries the name without its
/// leading slash (pattern variable ParameterNameWithoutLeadingSlash). Several names give a note:
/// each is authorised separately and the message says which was denied.
/// </summary>
internal sealed class SsmRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("ssm"))
        {
            yield break;
        }

        var names = new List<string>();
        if ((context.String("name") ?? context.String("path")) is { } single)
        {
            names.Add(single);
        }
        else if (JsonParameters.Property(context.Parameters, "names") is { ValueKind: JsonValueKind.Array } list)
        {
            names.AddRange(list.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
        }

        if (names.Count > 1)
        {
            yield return ResourceCandidate.NoteOnly($"the request names several parameters ({string.Join(", ", names)}); the error message says which was denied");
        }
        else if (names.Count == 1 && names[0] is { Length: > 0 } name)
        {
            yield return name.StartsWith("arn:", StringComparison.Ordinal)
                ? ResourceCandidate.ForArn(name)
                : ResourceCandidate.ForType("parameter", context.Values(("ParameterNameWithoutLeadingSlash", Trim(name))));
        }
    }

    // "/app/db/" (a path) and "/app/db" name the same ARN.
    private static string Trim(string name) => name.Trim('/') is { Length: > 0 } trimmed ? trimmed : name;
}
