using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Features.Commands;

/// <summary>What the sharing handlers share: the email rule and the event that records a change of access.</summary>
internal static class AccessRules
{
    public const int MaxEmailLength = DocumentSharing.MaxEmailLength;

    // Identity's own normalizer (its default, and the one registered): scoped there, stateless here.
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    /// <summary>An email as Identity stores it for look-ups.</summary>
    public static string NormalizeEmail(string email) => Normalizer.NormalizeEmail(email)!;

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
