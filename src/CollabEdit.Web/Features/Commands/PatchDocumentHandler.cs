using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Applies a unified diff (PATCH, RFC 5789) to the text of the version If-Match names, exactly (no fuzz, no search for
/// another place: <see cref="UnifiedPatch.Apply"/>), and saves the result through the save port on top of that same
/// version, with the changes the diff made (<see cref="DocumentEdit.Changes"/>), so that a racing save in between is a
/// 412, never a silent overwrite. Refusals in the order the other writes use: not found, archived, locked, then
/// stale (412), then a diff that does not apply (409), then the size limit (413).
/// </summary>
public sealed class PatchDocumentHandler(IVersionWriter writer, TimeProvider clock, IOptions<DocumentLimits> limits) : ICommandHandler<PatchDocumentCommand>
{
    public DocumentAction? Needs => DocumentAction.Edit;

    public string DocumentOf(PatchDocumentCommand command) => command.IdOrSlug;

    /// <summary>A diff stores at most what it adds, and its added lines are part of it: its own size bounds the cost.</summary>
    public long? StorageCost(PatchDocumentCommand command) => DocumentRules.ByteCount(command.Diff);

    public Outcome? Validate(PatchDocumentCommand command, IDictionary<string, string[]> errors)
    {
        if (command.IfMatch is null)
        {
            return new DocumentOutcome.InvalidIfMatch();
        }

        return Parse(command.Diff) is (null, var malformed) ? malformed : null;
    }

    public async Task<Outcome> HandleAsync(PatchDocumentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var id = context.Pass.DocumentId;
        var ifMatch = command.IfMatch!;
        var head = store.TakeResolvedHead(id) ?? await store.FindAsync(id, cancellationToken);
        if (SaveDecision.RefusalOf(head) is { } refused)
        {
            // 404, "archived" and "locked" take precedence over 428 and 412, as for every other write.
            return Outcome(refused, command);
        }

        if (!ifMatch.IsPresent)
        {
            return new DocumentOutcome.PreconditionRequired(id);
        }

        // The version the diff was made from: "*" is whatever is current now (the write below still guards it).
        var expected = ifMatch.IsAny || ifMatch.ActiveVersionsOf(id).Contains(head!.CurrentVersion) ? head!.CurrentVersion : 0;
        if (expected != head.CurrentVersion)
        {
            return new DocumentOutcome.PreconditionFailed(head);
        }

        var text = await TextOfAsync(store, id, expected, cancellationToken);
        if (text is null)
        {
            return new DocumentOutcome.NotFound(command.IdOrSlug);
        }

        var patched = Parse(command.Diff).Patch!.Apply(text);
        if (!patched.Applied)
        {
            var failure = patched.Failure;
            return new DocumentOutcome.PatchDoesNotApply(head, expected, failure.Hunk, failure.Line, failure.Expected, failure.Found);
        }

        if (DocumentSize.Check(patched.Text, limits.Value) is { } tooLarge)
        {
            return tooLarge;
        }

        var edit = new DocumentEdit(patched.Text, null, expected, expected, context.Author, Changes: patched.Changes);
        var facts = await writer.WriteAsync(id, edit, DocumentRules.StoredNow(clock), cancellationToken);
        return Outcome(SaveDecision.Decide(facts, edit), command, patched.Text);
    }

    /// <summary>
    /// The text of one version: the one place this handler reads a text, so that how texts are stored (whole or as
    /// deltas) is the store's business alone.
    /// </summary>
    private static async Task<string?> TextOfAsync(DocumentStore store, Guid id, int version, CancellationToken cancellationToken) =>
        (await store.GetRevisionAsync(id, version, cancellationToken))?.Content;

    private static (UnifiedPatch? Patch, DocumentOutcome.MalformedPatch? Malformed) Parse(string diff)
    {
        try
        {
            return (UnifiedDiff.Parse(diff), null);
        }
        catch (UnifiedDiffFormatException malformed)
        {
            return (null, new DocumentOutcome.MalformedPatch(malformed.Line, malformed.Reason));
        }
    }

    private static DocumentOutcome Outcome(SaveOutcome decided, PatchDocumentCommand command, string text = "") => decided switch
    {
        SaveOutcome.Saved saved => new DocumentOutcome.Saved(saved.Document, Changed: true),
        SaveOutcome.Unchanged unchanged => new DocumentOutcome.Saved(new DocumentSnapshot(unchanged.Current, text), Changed: false),
        SaveOutcome.Archived archived => new DocumentOutcome.Archived(archived.Current),
        SaveOutcome.Locked locked => new DocumentOutcome.Locked(locked.Current),
        // A save that raced ours in between the read and the write: the diff was made from a version no longer current.
        SaveOutcome.Stale stale => new DocumentOutcome.PreconditionFailed(stale.Current),
        _ => new DocumentOutcome.NotFound(command.IdOrSlug),
    };
}
