using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// The OpenAPI document says how to authenticate: a bearer token from POST /api/auth/login (or the browser's
/// sign-in cookie), required by every documents endpoint (except in open mode).
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/auth/login (expires after an hour; POST /api/auth/refresh renews it).",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/documents", StringComparison.Ordinal) && path is not ("/api/auth/me" or "/api/auth/password"))
            {
                continue;
            }

            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Security ??= [];
                operation.Security.Add(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
