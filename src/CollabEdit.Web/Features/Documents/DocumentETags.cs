using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Strong entity tags. A document's tag names its id and version (and its archived state, which changes
/// the representation without a new version); a revision's tag names its id and version and never changes.
/// </summary>
public static class DocumentETags
{
    public static EntityTagHeaderValue ForDocument(Guid id, int version, DocumentState state) =>
        new($"\"{id:N}-v{version}{(state == DocumentState.Archived ? "-archived" : "")}\"");

    /// <summary>The version a document tag names, when it is a strong tag of this document in its active state.</summary>
    public static int? ActiveVersionNamedBy(EntityTagHeaderValue tag, Guid id)
    {
        var prefix = $"\"{id:N}-v";
        var text = tag.Tag.Value;
        return !tag.IsWeak && text is not null && text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('"')
            && int.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
                ? version
                : null;
    }

    public static EntityTagHeaderValue ForRevision(Guid id, int version) => new($"\"{id:N}-r{version}\"");

    /// <summary>RFC 9110 strong comparison: a weak tag never matches.</summary>
    public static bool AnyStrongMatch(IEnumerable<EntityTagHeaderValue> candidates, EntityTagHeaderValue current) =>
        candidates.Any(candidate => !candidate.IsWeak && candidate.Compare(current, useStrongComparison: true));
}
