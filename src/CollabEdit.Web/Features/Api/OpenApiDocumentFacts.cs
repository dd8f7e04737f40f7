using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// What the OpenAPI document says of itself beyond its operations, as Redocly's recommended rules want it (see
/// redocly.yaml): servers without a trailing slash (the generated one is the request's base address, "http://host/",
/// and an operation's path already begins with one), and a description for each tag, shown as the section's
/// introduction by documentation tools such as /scalar.
/// </summary>
public sealed class OpenApiDocumentFacts : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Sign-up, sign-in (a bearer token pair for programs, a cookie for the browser), sessions and the caller's own account.",
        ["Documents"] = "Markdown documents: each save a new version on top of the one it names (ETag / If-Match), "
            + "their revisions and events, and who may read or change them.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        return Task.CompletedTask;
    }
}
