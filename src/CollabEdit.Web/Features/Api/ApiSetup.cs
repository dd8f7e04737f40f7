using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabEdit.Web.Features.Api;

/// <summary>Registers the HTTP API's rules for JSON and its OpenAPI contract.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddCollabEditApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // A number is a number: "baseVersion": "1" is a mistake to report, not to guess at.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<BearerSecurityScheme>());

        // Unreadable bodies throw in every environment, so that one place (BadRequestProblems) answers them the same way.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
