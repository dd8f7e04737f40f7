using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>The history panel's data: the revisions of a document, one revision's text, and comparisons.</summary>
public sealed class RevisionHistory(DocumentService documents)
{
    private const int PageSize = 100;

    /// <summary>Who reads the history: the page sets it from the sign-in.</summary>
    public DocumentActor Actor { get; set; } = new(null);

    public IReadOnlyList<RevisionInfo> Revisions { get; private set; } = [];

    /// <summary>Archives, restores and access changes, newest first, shown between the versions.</summary>
    public IReadOnlyList<Documents.DocumentEvent> Events { get; private set; } = [];

    public Revision? Shown { get; private set; }

    public RevisionComparison? Comparison { get; private set; }

    public async Task LoadAsync(Guid documentId, CancellationToken cancellationToken)
    {
        Revisions = (await documents.ListRevisionsAsync(documentId, Actor, 0, PageSize, cancellationToken)).Value ?? [];
        Events = (await documents.ListEventsAsync(documentId, Actor, 0, PageSize, cancellationToken)).Value ?? [];
    }

    public async Task ShowAsync(Guid documentId, int version, CancellationToken cancellationToken)
    {
        Comparison = null;
        Shown = (await documents.GetRevisionAsync(documentId, version, Actor, cancellationToken)).Value;
    }

    public async Task CompareAsync(Guid documentId, int first, int second, CancellationToken cancellationToken)
    {
        var (older, newer) = first <= second ? (first, second) : (second, first);
        var oldRevision = (await documents.GetRevisionAsync(documentId, older, Actor, cancellationToken)).Value;
        var newRevision = (await documents.GetRevisionAsync(documentId, newer, Actor, cancellationToken)).Value;
        if (oldRevision is null || newRevision is null)
        {
            return;
        }

        Shown = null;
        Comparison = Compare(oldRevision.Content, newRevision.Content, older, newer);
    }

    /// <summary>Two texts side by side (see <see cref="SideBySide"/>).</summary>
    public static RevisionComparison Compare(string oldText, string newText, int oldVersion, int newVersion) =>
        SideBySide.Compare(oldText, newText, oldVersion, newVersion);
}
