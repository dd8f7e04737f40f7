
namespace CollabEdit.Web.Features.Access;

public sealed record AccessList(Guid DocumentId, IReadOnlyList<AccessEntry> Items);
