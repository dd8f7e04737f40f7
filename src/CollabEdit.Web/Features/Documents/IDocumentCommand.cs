namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// A change asked of the documents, by someone. Every command goes through the one command pipeline (admit, validate,
/// author, gate, rate limit, handler, conflicts, announcements); this is all the pipeline needs to know of it.
/// </summary>
public interface IDocumentCommand
{
    DocumentActor Actor { get; }
}
