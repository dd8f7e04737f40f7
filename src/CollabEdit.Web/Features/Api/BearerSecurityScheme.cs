using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// The OpenAPI document says how to authenticate: a bearer token from POST /api/auth/login (or the browser's
/// sign-in cookie), required by every operation (by the documents endpoints except in open mode) but those that
/// allow anonymous callers (<c>.AllowAnonymous()</c>: sign-up, sign-in, refresh), which say so with an empty
/// <c>security</c>. Read from each endpoint's metadata, so that a new endpoint is described right without a list here.
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/auth/login (expires after an hour; POST /api/auth/refresh renews it).",
        };

        // Operations are matched to their endpoints by operation id, which every endpoint has (.WithName).
        var anonymous = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .Where(description => description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            .SelectMany(description => description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>())
            .Select(name => name.EndpointName)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var item in document.Paths.Values)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Security = operation.OperationId is { } id && anonymous.Contains(id)
                    ? []
                    : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            }
        }

        // The document's other facts, until Program.cs registers their transformer itself (AddDocumentTransformer).
        await new Api.OpenApiDocumentFacts().TransformAsync(document, context, cancellationToken);
    }
}
