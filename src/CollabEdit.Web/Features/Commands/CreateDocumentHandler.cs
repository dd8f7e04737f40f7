using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Creates a document with its first version; with an Idempotency-Key, the document and the key's completion commit
/// together, so a retry answers the first result and never makes a second document.
/// </summary>
public sealed class CreateDocumentHandler(IOptions<DocumentLimits> limits, IOptions<IdempotencyOptions> idempotencyOptions, TimeProvider clock, DocumentGate gate)
    : ICommandHandler<CreateDocumentCommand>
{
    public DocumentAction? Needs => null;

    public string DocumentOf(CreateDocumentCommand command) => command.Slug ?? command.Title ?? "";

    /// <summary>The first version, whole.</summary>
    public long? StorageCost(CreateDocumentCommand command) => DocumentRules.ByteCount(command.Content ?? "");

    public CreateDocumentCommand Prepare(CreateDocumentCommand command) =>
        command with { Title = command.Title?.Trim(), Slug = command.Slug?.Trim().ToLowerInvariant(), Content = command.Content ?? "" };

    public Outcome? Validate(CreateDocumentCommand command, IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in DocumentValidation.ValidateCreate(RequestOf(command)))
        {
            errors[field] = messages;
        }

        if (command.IdempotencyKey is { } key && !IdempotencyRules.IsValidKey(key))
        {
            errors[IdempotencyRules.HeaderName] = [$"An idempotency key is 1 to {IdempotencyRules.MaxKeyLength} visible ASCII characters."];
        }

        return DocumentSize.Check(command.Content!, limits.Value);
    }

    public async Task<Outcome> HandleAsync(CreateDocumentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var request = RequestOf(command);
        var store = context.Store;
        var db = store.Context;
        var idempotency = new IdempotencyStore(db, clock, idempotencyOptions.Value);
        var key = command.IdempotencyKey;
        var keyOwner = IdempotencyRules.OwnerOf(command.Actor with { Author = context.Author });
        if (key is not null)
        {
            switch (await idempotency.ClaimAsync(keyOwner, key, IdempotencyStore.HashRequest(request), cancellationToken))
            {
                case IdempotencyClaim.Replay replay:
                    return await store.FirstVersionAsync(replay.DocumentId, cancellationToken) is { } first
                        ? new DocumentOutcome.Created(first, Replayed: true)
                        : new DocumentOutcome.NotFound(replay.DocumentId.ToString());
                case IdempotencyClaim.PayloadMismatch:
                    return new DocumentOutcome.IdempotencyKeyReused(key);
                case IdempotencyClaim.InFlight:
                    return new DocumentOutcome.IdempotencyKeyInFlight(key);
            }
        }

        CreateOutcome created;
        try
        {
            // The document and the key's completion commit together: a replay can never miss the document.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            created = await store.CreateAsync(request.Title!, request.Slug, request.Content!, context.Author, command.Actor.UserId, cancellationToken);
            if (created is CreateOutcome.SlugTaken && request.Slug is not null
                && (await gate.EnterAsync(store, request.Slug, command.Actor, DocumentAction.Read, cancellationToken)).Refusal is not null)
            {
                // The slug belongs to a document this caller cannot see: for them it does not exist, so a 409 would
                // tell them it does. They get the first free slug after it instead, in the 201 (README: "Slugs").
                created = await store.CreateAsync(request.Title!, null, request.Content!, context.Author, command.Actor.UserId, cancellationToken, slugStem: request.Slug);
            }

            if (created is CreateOutcome.Created done && key is not null)
            {
                await idempotency.CompleteAsync(keyOwner, key, done.Document.Head.Id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch when (key is not null)
        {
            await idempotency.ReleaseAsync(keyOwner, key, CancellationToken.None);
            throw;
        }

        switch (created)
        {
            case CreateOutcome.Created done:
                return new DocumentOutcome.Created(done.Document, Replayed: false);
            case CreateOutcome.SlugTaken taken:
                if (key is not null)
                {
                    await idempotency.ReleaseAsync(keyOwner, key, CancellationToken.None);
                }

                return new DocumentOutcome.SlugTaken(taken.Slug);
            default:
                throw new InvalidOperationException($"Unexpected outcome {created}.");
        }
    }

    /// <summary>A retry (same key, same body) of a create that was made answers it, even when the allowance is now full.</summary>
    public async Task<Outcome?> ReplayAsync(CreateDocumentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is not { } key)
        {
            return null;
        }

        var idempotency = new IdempotencyStore(context.Store.Context, clock, idempotencyOptions.Value);
        var keyOwner = IdempotencyRules.OwnerOf(command.Actor with { Author = context.Author });
        return await idempotency.CompletedAsync(keyOwner, key, IdempotencyStore.HashRequest(RequestOf(command)), cancellationToken) is { } id
            && await context.Store.FirstVersionAsync(id, cancellationToken) is { } first
            ? new DocumentOutcome.Created(first, Replayed: true)
            : null;
    }

    private static CreateDocumentRequest RequestOf(CreateDocumentCommand command) => new(command.Title, command.Slug, command.Content);
}
