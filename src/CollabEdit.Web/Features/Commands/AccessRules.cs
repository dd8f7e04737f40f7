using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;

namespace CollabEdit.Web.Features.Commands;

/// <summary>What the sharing handlers share: the email rule and the event that records a change of access.</summary>
internal static class AccessRules
{
    public const int MaxEmailLength = DocumentSharing.MaxEmailLength;

    public static void ValidateEmail(string? email, IDictionary<string, string[]> errors)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxEmailLength || !trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Any(char.IsControl))
        {
            errors["email"] = [$"An email address of at most {MaxEmailLength} characters."];
        }
    }

    public static DocumentEvent Event(Guid documentId, DocumentEventKind kind, CommandContext context, CollabEditUser subject, DocumentRole? role, DateTime at) => new()
    {
        DocumentId = documentId,
        Kind = kind,
        Actor = context.Author,
        ActorUserId = context.Actor.UserId,
        At = at,
        Subject = subject.Email,
        Role = role,
    };
}
