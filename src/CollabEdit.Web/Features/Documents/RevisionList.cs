namespace CollabEdit.Web.Features.Documents;

public sealed record RevisionList(IReadOnlyList<RevisionInfo> Items, int Skip, int Take);
