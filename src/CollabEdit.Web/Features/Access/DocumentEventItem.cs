using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>One entry of a document's events as the API answers it. <c>Subject</c> and <c>Role</c> are set for access changes.</summary>
public sealed record DocumentEventItem(DocumentEventKind Kind, string Actor, DateTime At, string? Subject, DocumentRole? Role)
{
    public static DocumentEventItem From(DocumentEvent e) => new(e.Kind, e.Actor, e.At, e.Subject, e.Role);
}
