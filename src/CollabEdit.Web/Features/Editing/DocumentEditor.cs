using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Realtime;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the editor page shows and does, outside the component: the loaded version (the base of every save),
/// the draft, and the merge in progress after a save met a newer version. Each operation uses its own
/// scope, because a Blazor Server circuit lives far longer than a DbContext should.
/// </summary>
public sealed class DocumentEditor(StoreAccess stores, DocumentLimits limits)
{
    public Document? Head { get; private set; }

    /// <summary>The content of <see cref="BaseVersion"/>: what the draft started from.</summary>
    public string BaseText { get; private set; } = "";

    public int BaseVersion => Head?.CurrentVersion ?? 0;

    public string Draft { get; set; } = "";

    public string Title { get; set; } = "";

    public bool IsDirty => Head is not null && (Draft != BaseText || Title.Trim() != Head.Title);

    public MergeSession? Merge { get; private set; }

    /// <summary>A sentence for the user about the last operation ("Saved as v8", "v9 landed meanwhile…").</summary>
    public string? Notice { get; private set; }

    /// <summary>A problem the user can act on, in plain words; never an exception's text.</summary>
    public string? Error { get; private set; }

    public bool IsArchived => Head?.State == DocumentState.Archived;

    /// <summary>The newest version someone else saved while this draft was being edited, if any.</summary>
    public VersionBump? Incoming { get; private set; }

    /// <summary>Whether a newer version than the draft's base is waiting ("v7 saved by Ana; your draft is based on v5").</summary>
    public bool HasIncoming => Incoming is { } bump && bump.Version > BaseVersion;

    /// <summary>What changed from the draft's base to the incoming version, once asked for.</summary>
    public RevisionComparison? IncomingChanges { get; private set; }

    /// <summary>Whether the draft on screen came back from the browser, so the user may throw it away.</summary>
    public bool DraftWasRestored { get; private set; }

    public async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var snapshot = await stores.Run(store => store.GetAsync(slug, cancellationToken));
        if (snapshot is null)
        {
            Error = $"There is no document at '{slug}'.";
            return false;
        }

        Head = snapshot.Head;
        BaseText = snapshot.Content;
        Draft = snapshot.Content;
        Title = snapshot.Head.Title;
        Error = IsArchived ? "This document is archived: it can be read but not changed. Restore it from the documents list to edit it again." : null;
        return true;
    }

    /// <summary>Puts back a draft kept in the browser. A draft of an older version is merged onto the current one.</summary>
    public async Task RestoreDraftAsync(string draft, int draftBaseVersion, CancellationToken cancellationToken)
    {
        if (Head is null || draft == BaseText || draftBaseVersion > BaseVersion)
        {
            return;
        }

        DraftWasRestored = true;
        if (draftBaseVersion == BaseVersion)
        {
            Draft = draft;
            Notice = "Your unsaved draft was restored.";
            return;
        }

        var draftBase = await stores.Run(store => store.GetRevisionAsync(Head.Id, draftBaseVersion, cancellationToken));
        if (draftBase is null)
        {
            return;
        }

        Draft = draft;
        var session = new MergeSession(draftBase.Content, draftBaseVersion, draft, BaseText, BaseVersion, Head.UpdatedBy);
        if (session.CanSave)
        {
            Draft = session.ResultText();
            Notice = $"Your unsaved draft (based on v{draftBaseVersion}) was restored and brought up to v{BaseVersion}.";
        }
        else
        {
            Merge = session;
            Notice = $"Your unsaved draft is based on v{draftBaseVersion}; the document is now at v{BaseVersion}. Merge them to go on.";
        }
    }

    public async Task SaveAsync(string author, CancellationToken cancellationToken)
    {
        if (Head is null)
        {
            return;
        }

        var outcome = await Save(Draft, BaseVersion, author, cancellationToken);
        if (outcome is SaveOutcome.Stale stale)
        {
            var current = await CurrentContentAsync(stale.Current, cancellationToken);
            Merge = new MergeSession(BaseText, BaseVersion, Draft, current, stale.Current.CurrentVersion, stale.Current.UpdatedBy);
            Notice = $"v{stale.Current.CurrentVersion} was saved by {stale.Current.UpdatedBy} while you were editing. Merge your changes with theirs.";
        }
    }

    /// <summary>Saves the merge on top of the version it was computed against; if yet another one landed, merges again.</summary>
    public async Task SaveMergeAsync(string author, CancellationToken cancellationToken)
    {
        if (Head is null || Merge is not { CanSave: true } merge)
        {
            return;
        }

        var merged = merge.ResultText();
        var outcome = await Save(merged, merge.TheirsVersion, author, cancellationToken);
        if (outcome is SaveOutcome.Stale stale)
        {
            var current = await CurrentContentAsync(stale.Current, cancellationToken);
            Merge = merge.Rebase(current, stale.Current.CurrentVersion, stale.Current.UpdatedBy);
            Notice = $"v{stale.Current.CurrentVersion} was saved by {stale.Current.UpdatedBy} meanwhile: the merge was redone on top of it, keeping your choices where they still apply.";
        }
    }

    /// <summary>
    /// Saves an old revision's content as a new version, through the same guard as any save (a newer version
    /// opens the merge). Only without unsaved changes, so that restoring never throws a draft away.
    /// </summary>
    public async Task RestoreRevisionAsync(int version, string author, CancellationToken cancellationToken)
    {
        if (Head is null || IsDirty)
        {
            return;
        }

        var revision = await stores.Run(store => store.GetRevisionAsync(Head.Id, version, cancellationToken));
        if (revision is null)
        {
            Error = $"Version {version} does not exist.";
            return;
        }

        Draft = revision.Content;
        await SaveAsync(author, cancellationToken);
        if (Merge is null && Error is null)
        {
            Notice = $"Version {version} was restored as v{BaseVersion}.";
        }
    }

    /// <summary>
    /// Someone saved a version. Without unsaved changes the editor moves to it in place; with them, it is
    /// kept as <see cref="Incoming"/> for the banner. A bump of one's own save is older than the base by then.
    /// </summary>
    public async Task OnVersionBumpedAsync(VersionBump bump, CancellationToken cancellationToken)
    {
        if (Head is null || bump.DocumentId != Head.Id || bump.Version <= BaseVersion)
        {
            return;
        }

        if (!IsDirty && Merge is null)
        {
            await LoadAsync(Head.Id.ToString(), cancellationToken);
            Notice = $"Updated to v{bump.Version}, saved by {bump.Author}.";
            return;
        }

        if (Incoming is null || bump.Version > Incoming.Version)
        {
            Incoming = bump;
            IncomingChanges = null;
        }
    }

    public async Task ShowIncomingChangesAsync(CancellationToken cancellationToken)
    {
        if (Head is null || Incoming is null)
        {
            return;
        }

        var incoming = await stores.Run(store => store.GetRevisionAsync(Head.Id, Incoming.Version, cancellationToken));
        IncomingChanges = incoming is null ? null : RevisionHistory.Compare(BaseText, incoming.Content, BaseVersion, Incoming.Version);
    }

    /// <summary>
    /// Brings the draft up to the newest version: a three-way merge of the draft onto it. Without conflicts the
    /// draft and its base move there (nothing is saved yet); with conflicts the merge dialog opens.
    /// </summary>
    public async Task UpdateDraftAsync(CancellationToken cancellationToken)
    {
        if (Head is null)
        {
            return;
        }

        var newest = await stores.Run(store => store.GetAsync(Head.Id.ToString(), cancellationToken));
        if (newest is null || newest.Head.CurrentVersion <= BaseVersion)
        {
            Incoming = null;
            return;
        }

        var session = new MergeSession(BaseText, BaseVersion, Draft, newest.Content, newest.Head.CurrentVersion, newest.Head.UpdatedBy);
        Incoming = null;
        IncomingChanges = null;
        if (session.CanSave)
        {
            var previousBase = BaseVersion;
            Draft = session.ResultText();
            Head = newest.Head;
            BaseText = newest.Content;
            Notice = $"Your draft now includes v{newest.Head.CurrentVersion} (it was based on v{previousBase}). Save when ready.";
        }
        else
        {
            Merge = session;
            Notice = $"Your draft and v{newest.Head.CurrentVersion} change the same lines: choose what to keep.";
        }
    }

    /// <summary>Drops a restored draft and goes back to the saved version.</summary>
    public void DiscardDraft()
    {
        Draft = BaseText;
        Title = Head?.Title ?? Title;
        Merge = null;
        DraftWasRestored = false;
        Notice = "Your draft was discarded.";
    }

    /// <summary>Closes the merge; the draft is untouched.</summary>
    public void CancelMerge()
    {
        Merge = null;
        Notice = "Merge cancelled: your draft is unchanged and not saved yet.";
    }

    /// <returns>What the store did, or null when the save was refused here (the reason is in <see cref="Error"/>).</returns>
    private async Task<SaveOutcome?> Save(string content, int onVersion, string author, CancellationToken cancellationToken)
    {
        Error = null;
        var title = Title.Trim();
        if (title.Length == 0 || title.Length > DocumentRules.MaxTitleLength)
        {
            Error = $"The title must be 1 to {DocumentRules.MaxTitleLength} characters.";
            return null;
        }

        var size = DocumentRules.ByteCount(content);
        if (size > limits.MaxContentBytes)
        {
            Error = $"The document is too large to save: {size:N0} bytes, and the limit is {limits.MaxContentBytes:N0}. Your draft is kept in this browser.";
            return null;
        }

        var edit = new DocumentEdit(content, title == Head!.Title ? null : title, onVersion, onVersion, author);
        var outcome = await stores.Run(store => store.SaveAsync(Head.Id, edit, cancellationToken));
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                Head = saved.Document.Head;
                BaseText = content;
                Draft = content;
                Title = saved.Document.Head.Title;
                Merge = null;
                Notice = $"Saved as v{saved.Document.Head.CurrentVersion}.";
                break;
            case SaveOutcome.Archived archived:
                Head = archived.Current;
                Error = "This document was archived, so it cannot be saved. Your draft is kept in this browser; copy it if you need it.";
                break;
            case SaveOutcome.NotFound:
                Error = "This document no longer exists.";
                break;
        }

        return outcome;
    }

    private async Task<string> CurrentContentAsync(Document current, CancellationToken cancellationToken) =>
        (await stores.Run(store => store.GetRevisionAsync(current.Id, current.CurrentVersion, cancellationToken)))?.Content ?? "";
}
