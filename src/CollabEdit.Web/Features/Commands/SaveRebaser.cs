using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The continuous rebase of a save that asked for it (<see cref="SaveDocumentCommand.Rebase"/>) and met newer versions
/// than its base: its changes are rebased onto the newest version (<see cref="Rebase.Of"/>: theirs are the changes
/// from the base's text to the newest's) and written guarded by that newest version, like every save; a save that
/// loses that race rebases onto the winner and tries again, here on the server, never bounced to the browser. Words
/// both sides changed keep theirs and come back as conflicts (<see cref="RebasedSave"/>), for a person to decide.
/// </summary>
public sealed class SaveRebaser(IVersionWriter writer, TimeProvider clock, IOptions<DocumentLimits> limits, RecentChanges recent)
{
    /// <summary>Tries before the save is refused as stale after all (only many servers writing one document at once lose so often).</summary>
    public const int MaxTries = 50;

    /// <summary>The most versions read back to name who saved them (the rest are older and already named).</summary>
    private const int MaxAuthorsRead = 100;

    /// <summary>
    /// Rebases <paramref name="mine"/> (changes to the text of <paramref name="baseVersion"/>) onto the newest version,
    /// starting from <paramref name="head"/>, and writes it. Null when it could not (the base's or the newest's text
    /// is damaged, or every try lost its race): the save is then refused as stale, as before, with the head in
    /// <c>Current</c>.
    /// </summary>
    public async Task<(DocumentOutcome? Outcome, Document Current)> SaveAsync(
        Document head, int baseVersion, ChangeSet mine, SaveDocumentCommand command, string author, DocumentStore store, CancellationToken cancellationToken)
    {
        var id = head.Id;
        Revision? baseRevision;
        try
        {
            baseRevision = await store.GetRevisionAsync(id, baseVersion, cancellationToken);
        }
        catch (RevisionCorruptException)
        {
            return (null, head);
        }

        if (baseRevision is not { Content: var baseText } || mine.Length != baseText.Length)
        {
            return (null, head);
        }

        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            if (SaveDecision.RefusalOf(head) is { } refused)
            {
                return (Refusal(refused, command), head);
            }

            string? newestText;
            try
            {
                newestText = await store.TextAsync(id, head.CurrentVersion, cancellationToken);
            }
            catch (RevisionCorruptException)
            {
                return (null, head);
            }

            if (newestText is null)
            {
                return (null, head);
            }

            var (theirs, authors) = await TheirsAsync(id, baseVersion, baseText, head.CurrentVersion, newestText, store, cancellationToken);
            var rebased = Rebase.Of(baseText, mine, theirs, cancellationToken);
            var content = rebased.OnTheirs.Apply(newestText);
            if (DocumentSize.Check(content, limits.Value) is { } tooLarge)
            {
                return (tooLarge, head);
            }

            var (title, theirTitle) = TitleOf(baseRevision.Title, command.Title, head.Title);
            var info = new RebasedSave(baseVersion, rebased.OnMine, rebased.Conflicts, authors, theirTitle);
            if (rebased.OnTheirs.IsEmpty && title is null)
            {
                // Everything of mine was there already or conflicted: nothing to write, the newest version stands.
                return (new DocumentOutcome.Saved(new DocumentSnapshot(head, newestText), Changed: false, Rebased: info), head);
            }

            var edit = new DocumentEdit(content, title, head.CurrentVersion, baseVersion, author, rebased.OnTheirs);
            var facts = await writer.WriteAsync(id, edit, DocumentRules.StoredNow(clock), cancellationToken);
            switch (SaveDecision.Decide(facts, edit))
            {
                case SaveOutcome.Saved saved:
                    recent.Add(id, saved.Document.Head.CurrentVersion, rebased.OnTheirs, author);
                    // Written right on top of the newest version: the changes lead from it to this one (followers receive them).
                    return (new DocumentOutcome.Saved(saved.Document, Changed: true, rebased.OnTheirs, info), saved.Document.Head);
                case SaveOutcome.Unchanged unchanged:
                    return (new DocumentOutcome.Saved(new DocumentSnapshot(unchanged.Current, content), Changed: false, Rebased: info), unchanged.Current);
                case SaveOutcome.Stale stale:
                    // Another save (on another server, or one that did not ask to rebase) won the race: onto that one.
                    head = stale.Current;
                    break;
                case var refusal:
                    return (Refusal(refusal, command), facts.Current ?? head);
            }
        }

        return (null, head);
    }

    /// <summary>
    /// The title a rebased save writes (null: keep the newest version's) and the one it kept over the save's own. A
    /// title changed by one side is that side's; changed by both differently, theirs stays (the text's rule: theirs is
    /// kept where both changed the same thing) and is reported.
    /// </summary>
    public static (string? Title, string? TheirTitle) TitleOf(string baseTitle, string? mine, string theirs)
    {
        var mineChanged = mine is not null && !string.Equals(mine, baseTitle, StringComparison.Ordinal);
        var theirsChanged = !string.Equals(theirs, baseTitle, StringComparison.Ordinal);
        return (mineChanged, theirsChanged) switch
        {
            (false, _) => (null, null),
            (true, false) => (mine, null),
            _ when string.Equals(mine, theirs, StringComparison.Ordinal) => (null, null),
            _ => (null, theirs),
        };
    }

    /// <summary>
    /// What turned the base's text into the newest's, and who saved the versions between (distinct, newest last):
    /// composed from the changes this server remembers when it has every link, else the two texts diffed.
    /// </summary>
    private async Task<(ChangeSet Theirs, IReadOnlyList<string> Authors)> TheirsAsync(
        Guid id, int baseVersion, string baseText, int newestVersion, string newestText, DocumentStore store, CancellationToken cancellationToken)
    {
        if (recent.TryCompose(id, baseVersion, newestVersion, out var composed, out var savedBy)
            && composed.Length == baseText.Length && composed.NewLength == newestText.Length)
        {
            return (composed, Distinct(savedBy));
        }

        var theirs = ChangeSet.Between(baseText, newestText, cancellationToken);
        var revisions = await store.RevisionsAfterAsync(id, baseVersion, MaxAuthorsRead, cancellationToken);
        return (theirs, Distinct(revisions.Where(r => r.Version <= newestVersion).Reverse().Select(r => r.Author)));
    }

    /// <summary>Each name once, where it saved last, newest last.</summary>
    private static List<string> Distinct(IEnumerable<string> oldestFirst)
    {
        var newestFirst = oldestFirst.Reverse().Distinct(StringComparer.Ordinal).ToList();
        newestFirst.Reverse();
        return newestFirst;
    }

    private static DocumentOutcome Refusal(SaveOutcome refused, SaveDocumentCommand command) => refused switch
    {
        SaveOutcome.Archived archived => new DocumentOutcome.Archived(archived.Current),
        SaveOutcome.Locked locked => new DocumentOutcome.Locked(locked.Current),
        _ => new DocumentOutcome.NotFound(command.IdOrSlug),
    };
}
