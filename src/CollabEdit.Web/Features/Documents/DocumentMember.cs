namespace CollabEdit.Web.Features.Documents;

/// <summary>One person's role on one document (the creator's row is written with the document, as owner).</summary>
public sealed class DocumentMember
{
    public Guid DocumentId { get; set; }
    public required string UserId { get; set; }
    public DocumentRole Role { get; set; }
    public DateTime GrantedAt { get; set; }
}
