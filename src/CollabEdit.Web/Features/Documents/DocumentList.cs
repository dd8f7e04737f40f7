namespace CollabEdit.Web.Features.Documents;

public sealed record DocumentList(IReadOnlyList<DocumentListItem> Items, int Total, int Skip, int Take);
