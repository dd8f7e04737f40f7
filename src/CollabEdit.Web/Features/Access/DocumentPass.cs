using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>A document the caller may act on, and the role they act with.</summary>
public readonly record struct DocumentPass(Guid DocumentId, DocumentRole Role);
