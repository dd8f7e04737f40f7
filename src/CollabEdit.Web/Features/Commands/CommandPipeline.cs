using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The one way every document command runs, whoever sends it (the REST endpoints, the editor, the documents list,
/// the sharing dialog): admit the caller, validate the command, settle the author, check access (the action the
/// handler declares), take ONE write token, check the owner's storage allowance (commands that store content), run
/// the handler, report conflicts, announce what changed. Each step is here once, so a rule cannot be forgotten by one
/// caller or applied twice by another (a browser save used to pay for its upload and its save).
/// </summary>
public sealed class CommandPipeline(
    IServiceProvider handlers,
    IDbContextFactory<CollabEditDbContext> contexts,
    TimeProvider clock,
    DocumentGate gate,
    ClientRateLimiter limits,
    ConflictReporter conflicts,
    ChangeAnnouncements announcements,
    IStorageUsage usage,
    IOptions<StorageAllowance> allowance)
{
    /// <summary>Runs <paramref name="command"/> through every step and its handler; the outcome says what happened, refusals included.</summary>
    public async Task<Outcome> SendAsync<TCommand>(TCommand command, CancellationToken cancellationToken)
        where TCommand : IDocumentCommand
    {
        var handler = handlers.GetRequiredService<ICommandHandler<TCommand>>();
        command = handler.Prepare(command);
        var outcome = await RunAsync(handler, command, cancellationToken);
        conflicts.Report(outcome, handler.DocumentOf(command), command.Actor);
        announcements.Announce(outcome);
        return outcome;
    }

    private async Task<Outcome> RunAsync<TCommand>(ICommandHandler<TCommand> handler, TCommand command, CancellationToken cancellationToken)
        where TCommand : IDocumentCommand
    {
        var actor = command.Actor;
        if (gate.Admit(actor) is { } refused)
        {
            return refused;
        }

        if (handler.ManagesAccess && gate.Mode == AccessMode.Open)
        {
            return new AccessOutcome.AccessNotManaged();
        }

        var errors = new Dictionary<string, string[]>();
        var refusal = handler.Validate(command, errors);
        var (author, authorError) = actor.AuthorError is { } unreadable ? (null, unreadable) : Authors.Validate(actor.Author);
        if (authorError is not null)
        {
            errors["author"] = [authorError];
        }

        if (errors.Count > 0)
        {
            return new DocumentOutcome.Invalid(errors);
        }

        if (refusal is not null)
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var pass = default(DocumentPass);
        if (handler.Needs is { } need)
        {
            (pass, var denied) = await gate.EnterAsync(store, handler.DocumentOf(command), actor, need, cancellationToken);
            if (denied is not null)
            {
                return denied;
            }
        }

        using (var lease = await limits.AcquireAsync(RateLimitKind.Writes, RateKeyOf(actor), cancellationToken))
        {
            if (!lease.IsAcquired)
            {
                return new AccessOutcome.RateLimited(WriteRateLimiting.Seconds(limits.RetryAfter(RateLimitKind.Writes, lease)));
            }
        }

        // After the token: the look at the owner's usage is a query, so a client refused for its allowance is still
        // limited in how often it makes the server ask.
        var context = new CommandContext { Actor = actor, Author = author!, Pass = pass, Store = store };
        if (gate.Mode == AccessMode.Secure && handler.StorageCost(command) is { } cost
            && await AllowanceRefusalAsync(handler.Needs is null ? actor.UserId : await usage.ChargedToAsync(pass.DocumentId, cancellationToken), actor, cost, cancellationToken) is { } full)
        {
            return await handler.ReplayAsync(command, context, cancellationToken) ?? full;
        }

        return await handler.HandleAsync(command, context, cancellationToken);
    }

    /// <summary>
    /// The storage allowance, checked in this one place for every command that stores content (create, save, patch;
    /// restoring an old version is a save): refused when what the charged account uses now, plus the most this write
    /// could add, is over its allowance. Two writes racing near the limit may both pass, so an account can go over by
    /// what writes in flight add (a few versions at most, each within the size limit); the next write sees it.
    /// </summary>
    private async Task<AccessOutcome.StorageAllowanceExceeded?> AllowanceRefusalAsync(string? chargedTo, DocumentActor actor, long cost, CancellationToken cancellationToken)
    {
        if (chargedTo is null)
        {
            return null; // nobody owns it (made in open mode, before any account): nothing to charge
        }

        var allowed = allowance.Value.BytesPerAccount;
        var used = await usage.UsedByAsync(chargedTo, cancellationToken);
        return used + cost > allowed ? new AccessOutcome.StorageAllowanceExceeded(used, allowed, cost, chargedTo == actor.UserId) : null;
    }

    /// <summary>The caller's write bucket, as <see cref="ClientRateLimiter.ClientKey"/> makes it: the account, else the address (a circuit may say its own).</summary>
    public static string RateKeyOf(DocumentActor actor) =>
        actor.RateKey
        ?? (actor.UserId is { } userId ? ClientRateLimiter.ClientKeyOfUser(userId) : $"ip:{actor.Client}");
}
