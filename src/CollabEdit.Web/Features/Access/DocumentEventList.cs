
namespace CollabEdit.Web.Features.Access;

public sealed record DocumentEventList(IReadOnlyList<DocumentEventItem> Items, int Skip, int Take);
