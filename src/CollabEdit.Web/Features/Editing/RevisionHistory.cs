using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>The history panel's data: the revisions of a document, one revision's text, and comparisons.</summary>
public sealed class RevisionHistory(DocumentService documents)
{
    /// <summary>The document whose versions are listed (older pages are kept only for the same one).</summary>
    private Guid _documentId;

    /// <summary>How many versions (and events) one read lists.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Who reads the history: the page sets it from the sign-in.</summary>
    public DocumentActor Actor { get; set; } = new(null);

    public IReadOnlyList<RevisionInfo> Revisions { get; private set; } = [];

    /// <summary>Archives, restores and access changes, newest first, shown between the versions.</summary>
    public IReadOnlyList<Documents.DocumentEvent> Events { get; private set; } = [];

    public Revision? Shown { get; private set; }

    public RevisionComparison? Comparison { get; private set; }

    /// <summary>Whether versions older than those listed exist (read a page at a time with <see cref="LoadOlderAsync"/>).</summary>
    public bool HasOlder => Revisions.Count > 0 && Revisions[^1].Version > 1;

    /// <summary>
    /// Reads the newest page again (new versions arrive only at the top), keeping the older pages already read when
    /// they still join up with it; a history moved on by more than a page starts again from the newest.
    /// </summary>
    public async Task LoadAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var newest = (await documents.ListRevisionsAsync(documentId, Actor, 0, PageSize, cancellationToken)).Value ?? [];
        var kept = newest.Count > 0 && _documentId == documentId && Revisions.Count > 0 && newest[^1].Version <= Revisions[0].Version + 1
            ? Revisions.Where(r => r.Version < newest[^1].Version)
            : [];
        Revisions = [.. newest, .. kept];
        _documentId = documentId;
        Events = (await documents.ListEventsAsync(documentId, Actor, 0, PageSize, cancellationToken)).Value ?? [];
    }

    /// <summary>The next page of older versions, after those listed (a document may have thousands).</summary>
    public async Task LoadOlderAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Counted from the newest: versions saved since the last read shift the page, so those already listed are skipped.
        var page = (await documents.ListRevisionsAsync(documentId, Actor, Revisions.Count, PageSize, cancellationToken)).Value ?? [];
        var oldest = Revisions.Count > 0 ? Revisions[^1].Version : int.MaxValue;
        Revisions = [.. Revisions, .. page.Where(r => r.Version < oldest)];
    }

    public async Task ShowAsync(Guid documentId, int version, CancellationToken cancellationToken)
    {
        Comparison = null;
        Shown = (await documents.GetRevisionAsync(documentId, version, Actor, cancellationToken)).Value;
    }

    /// <summary>Puts away the version or comparison shown.</summary>
    public void CloseShown()
    {
        Shown = null;
        Comparison = null;
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
