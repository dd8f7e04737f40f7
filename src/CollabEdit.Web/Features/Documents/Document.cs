namespace CollabEdit.Web.Features.Documents;

public enum DocumentState
{
    Active = 0,
    Archived = 1,
}

/// <summary>
/// The head of a document: its identity and a denormalised summary of its newest revision, so that
/// lists and the guarded save touch one row. The content itself lives only in <see cref="Revision"/>.
/// </summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public int CurrentVersion { get; set; }
    public DocumentState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Size { get; set; }
}
