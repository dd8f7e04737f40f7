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

    public static EntityTagHeaderValue ForRevision(Guid id, int version) => new($"\"{id:N}-r{version}\"");

    /// <summary>RFC 9110 strong comparison: a weak tag never matches.</summary>
    public static bool AnyStrongMatch(IEnumerable<EntityTagHeaderValue> candidates, EntityTagHeaderValue current) =>
        candidates.Any(candidate => !candidate.IsWeak && candidate.Compare(current, useStrongComparison: true));
}
