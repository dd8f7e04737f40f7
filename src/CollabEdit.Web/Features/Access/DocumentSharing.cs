using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// Who has access to a document, and changes to it: the access API and the sharing dialog both come here.
/// Anyone who may read a document may see who has access; only owners change it; a document always keeps an
/// owner; every change is recorded in the document's history (who, when, whom, which role), and announced once
/// committed, so that it takes effect on the person's live connections at once (<see cref="AccessChange"/>).
/// </summary>
public sealed class DocumentSharing(
    IDbContextFactory<CollabEditDbContext> contexts, DocumentGate gate, TimeProvider clock, ILookupNormalizer normalizer, Realtime.IAnnouncementBus announcements)
{
    public const int MaxEmailLength = 256;

    public async Task<DocumentOutcome> ListAsync(string idOrSlug, DocumentActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (pass, refused) = await EnterAsync(db, idOrSlug, actor, DocumentAction.Read, cancellationToken);
        return refused ?? new DocumentOutcome.AccessListed(pass.DocumentId, await new AccessStore(db).EntriesAsync(pass.DocumentId, cancellationToken));
    }

    public async Task<DocumentOutcome> SetAsync(SetAccessCommand command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (pass, refused) = await EnterAsync(db, command.IdOrSlug, command.Actor, DocumentAction.Manage, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = ValidateEmail(command.Email);
        var role = command.Role.GetValueOrDefault();
        if (!Enum.IsDefined(role))
        {
            errors["role"] = ["role is viewer, editor or owner."];
        }

        if (errors.Count > 0)
        {
            return new DocumentOutcome.Invalid(errors);
        }

        var store = new AccessStore(db);
        if (await store.UserByEmailAsync(normalizer.NormalizeEmail(command.Email!.Trim()), cancellationToken) is not { } user)
        {
            return new DocumentOutcome.UserNotFound(command.Email.Trim());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.LockRolesAsync(pass.DocumentId, cancellationToken);
        var now = Documents.DocumentRules.StoredNow(clock);
        var (result, before) = await store.SetRoleAsync(pass.DocumentId, user.Id, role, now, cancellationToken);
        if (result == SetRoleResult.LastOwner)
        {
            return new DocumentOutcome.LastOwner(pass.DocumentId);
        }

        if (before != role)
        {
            await store.RecordAsync(Event(pass.DocumentId, before is null ? DocumentEventKind.AccessGranted : DocumentEventKind.AccessChanged, command.Actor, user, role, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (before != role)
        {
            announcements.Publish(new AccessChange(pass.DocumentId, user.Id, role, before));
        }
        return new DocumentOutcome.AccessListed(pass.DocumentId, await store.EntriesAsync(pass.DocumentId, cancellationToken));
    }

    public async Task<DocumentOutcome> RemoveAsync(RemoveAccessCommand command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (pass, refused) = await EnterAsync(db, command.IdOrSlug, command.Actor, DocumentAction.Manage, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (ValidateEmail(command.Email) is { Count: > 0 } errors)
        {
            return new DocumentOutcome.Invalid(errors);
        }

        var store = new AccessStore(db);
        if (await store.UserByEmailAsync(normalizer.NormalizeEmail(command.Email!.Trim()), cancellationToken) is not { } user)
        {
            return new DocumentOutcome.UserNotFound(command.Email.Trim());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.LockRolesAsync(pass.DocumentId, cancellationToken);
        var (result, before) = await store.RemoveAsync(pass.DocumentId, user.Id, cancellationToken);
        if (result == SetRoleResult.LastOwner)
        {
            return new DocumentOutcome.LastOwner(pass.DocumentId);
        }

        if (before is not null)
        {
            await store.RecordAsync(Event(pass.DocumentId, DocumentEventKind.AccessRemoved, command.Actor, user, null, Documents.DocumentRules.StoredNow(clock)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (before is not null)
        {
            announcements.Publish(new AccessChange(pass.DocumentId, user.Id, null, before));
        }
        return new DocumentOutcome.AccessListed(pass.DocumentId, await store.EntriesAsync(pass.DocumentId, cancellationToken));
    }

    private async Task<(DocumentPass Pass, DocumentOutcome? Refusal)> EnterAsync(
        CollabEditDbContext db, string idOrSlug, DocumentActor actor, DocumentAction need, CancellationToken cancellationToken)
    {
        if (gate.Admit(actor) is { } refused)
        {
            return (default, refused);
        }

        if (gate.Mode == AccessMode.Open)
        {
            return (default, new DocumentOutcome.AccessNotManaged());
        }

        return await gate.EnterAsync(new DocumentStore(db, clock), idOrSlug, actor, need, cancellationToken);
    }

    private static Dictionary<string, string[]> ValidateEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length is 0 or > MaxEmailLength || !trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Any(char.IsControl)
            ? new Dictionary<string, string[]> { ["email"] = [$"An email address of at most {MaxEmailLength} characters."] }
            : [];
    }

    private static DocumentEvent Event(Guid documentId, DocumentEventKind kind, DocumentActor actor, Accounts.CollabEditUser subject, DocumentRole? role, DateTime at) => new()
    {
        DocumentId = documentId,
        Kind = kind,
        Actor = actor.Author ?? DocumentRules.AnonymousAuthor,
        ActorUserId = actor.UserId,
        At = at,
        Subject = subject.Email,
        Role = role,
    };
}
