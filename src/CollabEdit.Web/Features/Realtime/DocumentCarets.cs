namespace CollabEdit.Web.Features.Realtime;

/// <summary>The carets in a document (the most recently moved first, at most <see cref="CaretOptions.MaxCaretsSent"/>), and how many more there are.</summary>
public sealed record DocumentCarets(Guid DocumentId, IReadOnlyList<Caret> Carets, int Others = 0);
