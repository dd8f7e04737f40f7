namespace CollabEdit.Web.Features.Documents;

/// <summary>A revision without its content: what the history lists.</summary>
public sealed record RevisionInfo(int Version, string Title, string Author, DateTime CreatedAt, int? BaseVersion, long Size, string ContentHash);
