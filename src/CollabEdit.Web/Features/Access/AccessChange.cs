using System.Text.Json.Serialization;
using System.Text.Json;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// A person's role on a document changed: granted (<paramref name="Before"/> null), changed, or removed
/// (<paramref name="Role"/> null). Announced after the change commits, to that person's live connections on every
/// server: their hub connections and open editors act on it at once, their documents list updates.
/// Roles travel as the API writes them ("viewer", "editor", "owner"), to hub clients and between servers alike.
/// </summary>
public sealed record AccessChange(
    Guid DocumentId,
    string UserId,
    [property: JsonConverter(typeof(AccessChange.RoleConverter))] DocumentRole? Role,
    [property: JsonConverter(typeof(AccessChange.RoleConverter))] DocumentRole? Before)
{
    /// <summary>Removed, or a smaller role than before: what was allowed under the old role ends.</summary>
    [JsonIgnore]
    public bool Narrowed => Role is null || (Before is { } before && Role < before);

    private sealed class RoleConverter() : JsonStringEnumConverter<DocumentRole>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
}
