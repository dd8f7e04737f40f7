namespace CollabEdit.Web.Features.Documents;

/// <summary>A page of the documents list: filtered by state and title or slug, sorted (newest change first by default).</summary>
public sealed record DocumentQuery(int Skip, int Take, string? Search, DocumentStateFilter State, DocumentSort Sort = DocumentSort.Updated, bool Descending = true);
