using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Strong entity tags. A document's tag names its id and version (and its archived and locked states, which change
/// the representation without a new version: a conditional GET must not answer 304 across a lock); a revision's tag
/// names its id and version and never changes.
/// </summary>
public static class DocumentETags
{
    public static EntityTagHeaderValue ForDocument(Guid id, int version, DocumentState state, bool locked = false) =>
        new($"\"{id:N}-v{version}{(state == DocumentState.Archived ? "-archived" : "")}{(locked ? "-locked" : "")}\"");

    /// <summary>The tag of a document as it is now.</summary>
    public static EntityTagHeaderValue Of(Document head) => ForDocument(head.Id, head.CurrentVersion, head.State, head.IsLocked);

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
