namespace CollabEdit.Web.Features.Documents;

public sealed record RevisionResponse(Guid DocumentId, int Version, string Title, string Content, string Author, DateTime CreatedAt, int? BaseVersion, long Size, string ContentHash)
{
    public static RevisionResponse From(Revision r) => new(r.DocumentId, r.Version, r.Title, r.Content, r.Author, r.CreatedAt, r.BaseVersion, r.Size, r.ContentHash);
}
