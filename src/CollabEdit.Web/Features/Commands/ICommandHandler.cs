using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// One use case (create, save, archive, restore, share, lock…): what it needs and what it does, nothing else. The
/// <see cref="CommandPipeline"/> runs the steps every command shares around it, in one order, for every caller: so a
/// handler never admits, checks access, takes a token, reports a conflict or announces by hand.
/// </summary>
public interface ICommandHandler<TCommand>
    where TCommand : IDocumentCommand
{
    /// <summary>What the caller must be allowed on the document the command names; null: it names none yet (create), admission alone.</summary>
    DocumentAction? Needs { get; }

    /// <summary>Changes who has access (sharing): refused in open mode, where access is not managed.</summary>
    bool ManagesAccess => false;

    /// <summary>
    /// What storing this command's content may cost at most, in bytes, as far as it is known before writing (the new
    /// text's UTF-8 size for a whole text; what a change inserts). Null: the command stores no content (archive, share,
    /// lock…). Every command that stores content says so here: the pipeline then checks the owner's storage
    /// allowance (<see cref="StorageAllowance"/>) before the handler runs, and refuses the write when it would not fit.
    /// </summary>
    long? StorageCost(TCommand command) => null;

    /// <summary>
    /// What a command refused for the storage allowance answers when it is the retry of one already done (a create
    /// with the same Idempotency-Key and body, whose first run filled the allowance): the first result, as any replay.
    /// Null: the refusal stands.
    /// </summary>
    Task<Outcome?> ReplayAsync(TCommand command, CommandContext context, CancellationToken cancellationToken) => Task.FromResult<Outcome?>(null);

    /// <summary>The document the command names (id or slug; for create what it will be called), for the gate and the logs.</summary>
    string DocumentOf(TCommand command);

    /// <summary>The command as the rules see it (trimmed…): what every later step gets.</summary>
    TCommand Prepare(TCommand command) => command;

    /// <summary>
    /// The rules that need nothing stored: field errors go into <paramref name="errors"/> (one 400 for all of them, the
    /// author's included); a refusal of the whole command (a malformed header, a text over the limit) is returned,
    /// and answered only when the fields are fine.
    /// </summary>
    Outcome? Validate(TCommand command, IDictionary<string, string[]> errors);

    /// <summary>Does it: the caller is admitted, valid, allowed and within their rate.</summary>
    Task<Outcome> HandleAsync(TCommand command, CommandContext context, CancellationToken cancellationToken);
}
