
namespace CollabEdit.Web.Features.Documents;

/// <summary>One page of the documents list, the total that matched, and the caller's role on each document of the page.</summary>
public sealed record DocumentListPage(IReadOnlyList<Document> Items, int Total, IReadOnlyDictionary<Guid, DocumentRole> Roles);
