namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// A document's version without its content: what a PATCH answers, so that a change costs what changed both ways
/// (the caller has the text: it made the diff). <c>Changed</c> is false when the diff changed nothing (no new version).
/// </summary>
public sealed record VersionSummary(
    Guid Id, string Slug, string Title, int Version, DateTime UpdatedAt, string UpdatedBy, long Size, DocumentState State, bool Changed)
{
    public static VersionSummary From(Document head, bool changed) =>
        new(head.Id, head.Slug, head.Title, head.CurrentVersion, head.UpdatedAt, head.UpdatedBy, head.Size, head.State, changed);
}
