namespace CollabEdit.Web.Features.Realtime;

/// <summary>Who has a document open, and who is typing: the first names (typing first), and how many more people there are.</summary>
public sealed record Presence(Guid DocumentId, IReadOnlyList<Viewer> Viewers, int Others = 0);
