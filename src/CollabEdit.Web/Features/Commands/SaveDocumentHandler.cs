using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Saves a new version, only on top of the version the command names (If-Match, else the base version). The save
/// port's guarded UPDATE writes or refuses, <see cref="SaveDecision"/> reads its facts (a locked or archived document is
/// a refusal, never a conflict); every refusal carries the current head. The only read before the save is the text of
/// the version it names (cached), to store the new version as what changed. A save that asks to be rebased
/// (<see cref="SaveDocumentCommand.Rebase"/>, on a base version) waits for its document's turn on this server, and
/// when the guard finds newer versions it is rebased onto the newest instead of refused (<see cref="SaveRebaser"/>).
/// </summary>
public sealed class SaveDocumentHandler(
    IVersionWriter writer, TimeProvider clock, IOptions<DocumentLimits> limits, SaveRebaser rebaser, DocumentSaveLocks turns, RecentChanges recent)
    : ICommandHandler<SaveDocumentCommand>
{
    private const int MaxChangesListedInConflict = 100;

    public DocumentAction? Needs => DocumentAction.Edit;

    public string DocumentOf(SaveDocumentCommand command) => command.IdOrSlug;

    /// <summary>
    /// A whole text may be stored whole (the first version after a snapshot, or a text unlike the last); changes cost
    /// what they insert. An estimate made before writing: what the version really costs on disk is counted by the next
    /// look at the owner's usage.
    /// </summary>
    public long? StorageCost(SaveDocumentCommand command) =>
        command.Content is { } content ? DocumentRules.ByteCount(content) : command.Changes?.InsertedUtf8Bytes ?? 0;

    public SaveDocumentCommand Prepare(SaveDocumentCommand command) => command with { Title = command.Title?.Trim() };

    public Outcome? Validate(SaveDocumentCommand command, IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in DocumentValidation.ValidateSave(new SaveDocumentRequest(command.Content, command.Title, command.BaseVersion)))
        {
            errors[field] = messages;
        }

        if (command.Changes is not null)
        {
            // Changes stand for the content: the text they make is checked once they are applied (HandleAsync).
            errors.Remove("content");
            if (command.Content is not null)
            {
                errors["changes"] = ["Give the new text either whole (content) or as changes, not both."];
            }
            else if (command.IfMatch is { IsAny: true })
            {
                errors["changes"] = ["Changes apply to the version they were made on: name it (If-Match with its ETag, or baseVersion), not *."];
            }
        }

        if (command.IfMatch is null)
        {
            return new DocumentOutcome.InvalidIfMatch();
        }

        return command.Content is { } content ? DocumentSize.Check(content, limits.Value) : null;
    }

    public async Task<Outcome> HandleAsync(SaveDocumentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (!Rebases(command))
        {
            return await SaveAsync(command, context, cancellationToken);
        }

        // One rebasing save of a document at a time on this server: each rebases onto the one before instead of all
        // racing for the same newest version (see DocumentSaveLocks).
        using var turn = await turns.TakeTurnAsync(context.Pass.DocumentId, cancellationToken);
        return await SaveAsync(command, context, cancellationToken);
    }

    /// <summary>Whether a stale save is rebased: it asked to be, and names its base version (an If-Match is a precondition, never rebased).</summary>
    private static bool Rebases(SaveDocumentCommand command) =>
        command is { Rebase: true, BaseVersion: int, IfMatch: { IsPresent: false, IsAny: false } };

    private async Task<Outcome> SaveAsync(SaveDocumentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var id = context.Pass.DocumentId;
        var ifMatch = command.IfMatch!;
        int? expectedVersion;
        if (ifMatch.IsAny)
        {
            expectedVersion = null;
        }
        else if (ifMatch.IsPresent)
        {
            expectedVersion = await VersionNamedByAsync(ifMatch, id, store, cancellationToken);
        }
        else if (command.BaseVersion is int baseVersion)
        {
            expectedVersion = baseVersion;
        }
        else
        {
            // 404, "archived" and "locked" take precedence over 428 (the same refusals SaveDecision puts first).
            return SaveDecision.RefusalOf(await store.FindAsync(id, cancellationToken)) is { } refused
                ? Outcome(refused, command)
                : new DocumentOutcome.PreconditionRequired(id);
        }

        var content = command.Content;
        if (command.Changes is { } changes)
        {
            (content, var refused) = await ApplyChangesAsync(changes, expectedVersion!.Value, id, command, store, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }
        }

        var edit = new DocumentEdit(content!, command.Title, expectedVersion, command.BaseVersion, context.Author,
            command.Changes ?? await ChangesFromAsync(expectedVersion, content!, id, store, cancellationToken));
        SaveOutcome decided;
        if (Rebases(command) && edit.Changes is not null && recent.NewestKnown(id) > expectedVersion)
        {
            // This server wrote a newer version than the base: the guard would refuse it, so the save is rebased at once
            // (a write refused costs as much as one made: the new text is hashed and encoded first).
            decided = await store.FindAsync(id, cancellationToken) is { } head ? SaveDecision.RefusalOf(head) ?? new SaveOutcome.Stale(head) : new SaveOutcome.NotFound();
        }
        else
        {
            var facts = await writer.WriteAsync(id, edit, DocumentRules.StoredNow(clock), cancellationToken);
            decided = SaveDecision.Decide(facts, edit);
            if (decided is SaveOutcome.Saved saved && ChangesOf(edit, saved.Document) is { } written)
            {
                recent.Add(id, saved.Document.Head.CurrentVersion, written, context.Author);
            }
        }

        if (decided is not SaveOutcome.Stale stale || command.IfMatch!.IsPresent || command.BaseVersion > stale.Current.CurrentVersion)
        {
            return Outcome(decided, command, edit);
        }

        var current = stale.Current;
        if (Rebases(command) && edit.Changes is { } mine)
        {
            (var rebased, current) = await rebaser.SaveAsync(current, expectedVersion!.Value, mine, command, context.Author, store, cancellationToken);
            if (rebased is not null)
            {
                return rebased;
            }
        }

        return await StaleAsync(current, expectedVersion!.Value, command with { Content = edit.Content }, store, cancellationToken);
    }

    /// <summary>
    /// The text a save given as changes stands for: the changes applied to the text of the version they name, read
    /// here. Changes made for another text (its length differs, or a boundary would cut a character in two) are
    /// refused as invalid (the editor then sends its whole text), a result over the size limit as too large, and a
    /// version that does not exist as any save on it would be (412, or 400 for a base version from the future).
    /// </summary>
    private async Task<(string? Content, DocumentOutcome? Refused)> ApplyChangesAsync(
        ChangeSet changes, int version, Guid id, SaveDocumentCommand command, DocumentStore store, CancellationToken cancellationToken)
    {
        Revision? baseRevision;
        try
        {
            baseRevision = await store.GetRevisionAsync(id, version, cancellationToken);
        }
        catch (RevisionCorruptException)
        {
            // The base's stored form is damaged (logged by storage): changes cannot be applied to it, so the editor
            // sends its whole text, which is stored whole.
            return (null, ChangesDoNotFit($"The text of v{version} cannot be read back to apply the changes to."));
        }

        if (baseRevision is not { Content: var based })
        {
            // Never a guessed text for the writer: had that version appeared meanwhile, the guard would let it through.
            var head = await store.FindAsync(id, cancellationToken);
            return (null, Outcome(SaveDecision.RefusalOf(head) ?? new SaveOutcome.Stale(head!), command));
        }

        if (changes.Length != based.Length)
        {
            return (null, ChangesDoNotFit($"The changes are made for a text of {changes.Length} characters; v{version} has {based.Length}."));
        }

        try
        {
            ChangeSet.Of(changes.Length, changes.Changes, based);
        }
        catch (FormatException exception)
        {
            return (null, ChangesDoNotFit($"The changes do not fit the text of v{version}: {exception.Message}"));
        }

        var content = changes.Apply(based);
        return (content, DocumentSize.Check(content, limits.Value));
    }

    private static DocumentOutcome.Invalid ChangesDoNotFit(string message) => new(new Dictionary<string, string[]> { ["changes"] = [message] });

    /// <summary>A save's outcome in the documents' terms (a stale base that needs the merge inputs is read by <see cref="StaleAsync"/>).</summary>
    private static DocumentOutcome Outcome(SaveOutcome decided, SaveDocumentCommand command, DocumentEdit? edit = null)
    {
        var ifMatch = command.IfMatch!;
        switch (decided)
        {
            case SaveOutcome.Saved saved:
                return new DocumentOutcome.Saved(saved.Document, Changed: true, ChangesOf(edit, saved.Document));
            case SaveOutcome.Unchanged unchanged:
                return new DocumentOutcome.Saved(new DocumentSnapshot(unchanged.Current, edit?.Content ?? command.Content!), Changed: false);
            case SaveOutcome.Archived archived:
                return new DocumentOutcome.Archived(archived.Current);
            case SaveOutcome.Locked locked:
                return new DocumentOutcome.Locked(locked.Current);
            case SaveOutcome.Stale stale when ifMatch.IsPresent:
                return new DocumentOutcome.PreconditionFailed(stale.Current);
            case SaveOutcome.Stale stale when command.BaseVersion > stale.Current.CurrentVersion:
                return new DocumentOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["baseVersion"] = [$"Version {command.BaseVersion} does not exist; the document is at v{stale.Current.CurrentVersion}."],
                });
            default:
                return new DocumentOutcome.NotFound(command.IdOrSlug);
        }
    }

    /// <summary>
    /// The edit's changes when they are the new version's: written right on top of the version they were made on
    /// (the guard matched it), so they lead from the previous version to this one. Null otherwise.
    /// </summary>
    private static ChangeSet? ChangesOf(DocumentEdit? edit, DocumentSnapshot saved) =>
        edit is { Changes: { } changes, ExpectedVersion: int expected }
        && saved.Head.CurrentVersion == expected + 1 && changes.NewLength == saved.Content.Length
            ? changes
            : null;

    /// <summary>
    /// What turns the text of the version the save names into its content, so that the new version is stored as what
    /// changed (a delta). The text is nearly always in storage's cache (the version was written or read just before);
    /// a version that does not exist (a stale or wrong precondition, refused by the write) has none, nor one whose stored
    /// form is damaged (logged by storage): the new version is then stored whole, and the save goes on.
    /// </summary>
    private static async Task<ChangeSet?> ChangesFromAsync(int? expectedVersion, string content, Guid id, DocumentStore store, CancellationToken cancellationToken)
    {
        try
        {
            return expectedVersion is int version && version > 0 && await store.TextAsync(id, version, cancellationToken) is { } before
                ? ChangeSet.Between(before, content, cancellationToken)
                : null;
        }
        catch (RevisionCorruptException)
        {
            return null;
        }
    }

    /// <summary>
    /// The version an If-Match names. A tag that names no version of this document cannot match, so the save
    /// is asked for version 0, which never exists: the guard refuses it and reports the current head (412).
    /// </summary>
    private static async Task<int> VersionNamedByAsync(IfMatch ifMatch, Guid id, DocumentStore store, CancellationToken cancellationToken)
    {
        var versions = ifMatch.ActiveVersionsOf(id);
        if (versions.Count <= 1)
        {
            return versions.Count == 1 ? versions[0] : 0;
        }

        // Several versions listed (rare): the one that is current, if any.
        var head = await store.FindAsync(id, cancellationToken);
        return head is not null && versions.Contains(head.CurrentVersion) ? head.CurrentVersion : 0;
    }

    /// <summary>
    /// The 409 of a stale base version: the versions since, the current content below the inline limit, and the
    /// server's merge of the refused save onto the current version (the request asked for a save, so the texts are
    /// at hand; a client would otherwise fetch both and merge them itself).
    /// </summary>
    private async Task<DocumentOutcome.Stale> StaleAsync(Document current, int baseVersion, SaveDocumentCommand command, DocumentStore store, CancellationToken cancellationToken)
    {
        var changes = await store.RevisionsAfterAsync(current.Id, baseVersion, MaxChangesListedInConflict, cancellationToken);
        string? content = null;
        ProposedMerge? merge = null;
        try
        {
            if (current.Size <= limits.Value.MaxInlineConflictContentBytes)
            {
                content = (await store.GetRevisionAsync(current.Id, current.CurrentVersion, cancellationToken))?.Content;
                if (content is not null && await store.GetRevisionAsync(current.Id, baseVersion, cancellationToken) is { } baseRevision)
                {
                    merge = MergeProposal.Of(baseRevision.Content, command, content, baseVersion, current.CurrentVersion, limits.Value, cancellationToken);
                }
            }
        }
        catch (RevisionCorruptException)
        {
            // A damaged version (logged by storage) is not sent: the 409 still says what happened, with the revision
            // links, rather than turning into a 500.
            (content, merge) = (null, null);
        }

        return new DocumentOutcome.Stale(current, baseVersion, changes.Select(c => new ChangeSinceBase(c.Version, c.Author, c.CreatedAt)).ToList(), content, merge);
    }
}
