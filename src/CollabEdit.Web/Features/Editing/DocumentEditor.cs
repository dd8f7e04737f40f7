using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Realtime;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the editor page shows and does, outside the component: an adapter between the browser's editor
/// (<see cref="IEditorSurface"/>, where the text lives) and the documents: reads from <see cref="DocumentService"/>,
/// saves through the <see cref="CommandPipeline"/> (which takes the one write token a save costs, whoever saves). It
/// keeps the version the text is based on (the base of every save), turns a stale save into the merge dialog, and
/// says in plain words what happened (<see cref="OutcomeWords"/>). It says "saved" only for what the core acknowledged.
/// </summary>
public sealed class DocumentEditor(DocumentService documents, CommandPipeline commands, TimeProvider clock)
{
    private IEditorSurface? _surface;

    /// <summary>Who edits: set by the page from the sign-in (or, in open mode, the name prompt) before anything is loaded or saved.</summary>
    public DocumentActor Actor { get; set; } = new(null, Agent: "editor");

    /// <summary>Whose drafts the browser keeps and offers back (<see cref="DraftOwners"/>): set by the page before attaching; none without it.</summary>
    public string? DraftOwner { get; set; }

    /// <summary>
    /// The version the editor's text is based on: the newest as loaded or saved, or an older one while a draft
    /// written on it is not merged yet.
    /// </summary>
    public Document? Head { get; private set; }

    /// <summary>The content of <see cref="BaseVersion"/>: what the text started from (the merge base).</summary>
    public string BaseText { get; private set; } = "";

    public int BaseVersion => Head?.CurrentVersion ?? 0;

    /// <summary>Whether the browser holds changes the server has not acknowledged (reported by the browser).</summary>
    public bool IsDirty { get; private set; }

    public MergeSession? Merge { get; private set; }

    /// <summary>A sentence for the user about the last operation ("Saved as v8", "v9 landed meanwhile…").</summary>
    public string? Notice { get; private set; }

    /// <summary>Why the last save did not happen, in plain words; never an exception's text.</summary>
    public string? Error { get; private set; }

    public bool IsArchived => Head?.State == DocumentState.Archived;

    /// <summary>The user's role on the document: a viewer's editor is read-only.</summary>
    public Documents.DocumentRole Role { get; private set; }

    /// <summary>An owner removed this person while the page was open: the editor is closed to them (it stops following).</summary>
    public bool AccessRemoved { get; private set; }

    /// <summary>The document's lock as last heard (loaded, announced, or met by a refused save); null or unlocked: not locked.</summary>
    public LockChange? Lock { get; private set; }

    /// <summary>An owner locked the document: nobody writes it, owners included, until it is unlocked.</summary>
    public bool IsLocked => Lock is { Locked: true };

    /// <summary>Archived, locked, the user is a viewer, or no longer has access: the text can be read and copied, not changed.</summary>
    public bool IsReadOnly => IsArchived || IsLocked || AccessRemoved || Role < Documents.DocumentRole.Editor;

    /// <summary>The newest version someone else saved while this text had unsaved changes, if any.</summary>
    public VersionBump? Incoming { get; private set; }

    /// <summary>Whether a newer version than the base is waiting ("v7 saved by Ana; your draft is based on v5").</summary>
    public bool HasIncoming => Incoming is { } bump && bump.Version > BaseVersion;

    /// <summary>What changed from the base to the incoming version, once asked for.</summary>
    public RevisionComparison? IncomingChanges { get; private set; }

    /// <summary>Whether the text on screen came back from an earlier visit, so the user may throw it away.</summary>
    public bool DraftWasRestored { get; private set; }

    /// <summary>
    /// Whether this editor saves by itself (the browser remembers it per document; on unless switched off). Then every
    /// save is rebased by the server onto the newest version instead of refused as stale, and others' versions come in
    /// without a notice or a click. Off, saving works as it always did (Save, "Update my draft", the merge dialog).
    /// </summary>
    public bool Autosave { get; private set; }

    /// <summary>How many conflicts are open in the editor, waiting for the person (reported by the browser).</summary>
    public int Conflicts { get; private set; }

    /// <summary>The last save failed on the way (connection, server): the text is kept in the browser and retried.</summary>
    public bool SaveFailed { get; private set; }

    private IEditorSurface Surface => _surface ?? throw new InvalidOperationException("The editor is not attached to a browser editor yet.");

    public async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var read = await documents.GetAsync(slug, Actor, cancellationToken);
        if (read.Value is not { } snapshot)
        {
            // The same words whether the document does not exist or this user may not see it.
            Error = read.Refusal is Access.AccessOutcome.Unauthenticated ? "Sign in to open this document." : $"There is no document at '{slug}'.";
            return false;
        }

        Head = snapshot.Head;
        BaseText = snapshot.Content;
        Role = await documents.RoleAsync(Head.Id, Actor, cancellationToken) ?? Documents.DocumentRole.Viewer;
        Lock = Head.IsLocked ? LockChange.Of(Head) : null;
        Error = IsArchived ? "This document is archived: it can be read but not changed. Restore it from the documents list to edit it again." : null;
        Notice = IsArchived ? null
            : IsLocked ? LockNotice()
            : IsReadOnly ? "You are a viewer of this document: you can read it and follow changes, not edit it. An owner can make you an editor." : null;
        return true;
    }

    /// <summary>Connects the browser's editor, shows the loaded version in it, and brings back a draft kept from an earlier visit.</summary>
    public async Task AttachAsync(IEditorSurface surface, CancellationToken cancellationToken)
    {
        _surface = surface;
        Autosave = surface.AutosaveOn;
        if (Head is null)
        {
            return;
        }

        await surface.LoadAsync(BaseText, BaseVersion, Head.Title);
        if (IsReadOnly)
        {
            await surface.SetReadOnlyAsync(true);
        }

        if (DraftOwner is { } owner)
        {
            await surface.UseDraftsOfAsync(owner);
            if (await surface.StoredDraftAsync() is { } draft)
            {
                await RestoreDraftAsync(draft, cancellationToken);
            }
        }

        await SaveSoonIfAutosavingAsync();
    }

    /// <summary>The person switches autosave on or off for this document (the browser remembers it); on, unsaved text is saved at once.</summary>
    public async Task SetAutosaveAsync(bool on)
    {
        if (_surface is null || on == Autosave)
        {
            return;
        }

        await _surface.SetAutosaveAsync(on);
        Autosave = on;
        if (on)
        {
            // What the notice offered ("Update my draft") is autosave's work now.
            IncomingChanges = null;
            await SaveSoonIfAutosavingAsync();
        }
    }

    /// <summary>The browser reports how many conflicts are open in the text.</summary>
    public void OnConflictsChanged(int count) => Conflicts = Math.Max(0, count);

    /// <summary>
    /// An autosave, asked for by the browser's scheduler: the same save as <see cref="SaveAsync(CancellationToken)"/>,
    /// rebased by the server onto the newest version, but it never opens the merge dialog and says nothing when it
    /// works (the status line does). With nothing to save but a newer version waiting, it follows it in place.
    /// </summary>
    public async Task<AutosaveAnswer> AutoSaveAsync(CancellationToken cancellationToken)
    {
        if (_surface is null || Head is null || !Autosave || Merge is not null || IsReadOnly)
        {
            return AutosaveAnswer.Done;
        }

        if (!IsDirty)
        {
            if (Incoming is { } incoming && incoming.Version > BaseVersion && await FollowAsync(incoming, cancellationToken))
            {
                Incoming = null;
                IncomingChanges = null;
            }

            return AutosaveAnswer.Done;
        }

        return await SaveAsync(automatic: true, cancellationToken);
    }

    /// <summary>With autosave on and unsaved text (a draft came back, autosave was switched on), the browser saves at once.</summary>
    private async Task SaveSoonIfAutosavingAsync()
    {
        if (_surface is not null && Autosave && IsDirty && Merge is null && !IsReadOnly)
        {
            await _surface.SaveSoonAsync();
        }
    }

    /// <summary>
    /// Who edits became known (open mode: the name was given): a draft being typed becomes theirs, and with nothing
    /// typed, a draft they kept from an earlier visit comes back.
    /// </summary>
    public async Task UseDraftsOfAsync(string owner, CancellationToken cancellationToken)
    {
        if (owner == DraftOwner)
        {
            return;
        }

        DraftOwner = owner;
        if (_surface is null || Head is null)
        {
            return; // AttachAsync uses it
        }

        await _surface.UseDraftsOfAsync(owner);
        if (!IsDirty && Merge is null && await _surface.StoredDraftAsync() is { } draft)
        {
            await RestoreDraftAsync(draft, cancellationToken);
        }

        await SaveSoonIfAutosavingAsync();
    }

    /// <summary>The browser reports that unsaved changes appeared or went away.</summary>
    public void OnDirtyChanged(bool dirty) => IsDirty = dirty;

    /// <summary>
    /// Saves what the editor holds on top of its base version. Without autosave, a newer version opens the merge; with
    /// it, the server rebases the save onto the newest version (conflicts come back inline).
    /// </summary>
    public Task SaveAsync(CancellationToken cancellationToken) => SaveAsync(automatic: false, cancellationToken);

    private async Task<AutosaveAnswer> SaveAsync(bool automatic, CancellationToken cancellationToken)
    {
        if (Head is null || Merge is not null)
        {
            return AutosaveAnswer.Done;
        }

        if (!IsDirty)
        {
            // No version is made of nothing: the core would refuse an identical save anyway, this spares the trip.
            Error = null;
            Notice = automatic ? Notice : $"Nothing to save: no changes since v{BaseVersion}.";
            return AutosaveAnswer.Done;
        }

        var rebase = Autosave;
        var snapshot = await Surface.SnapshotAsync(preferChanges: true);
        await TakeTheBrowsersBaseAsync(snapshot, cancellationToken);
        var title = snapshot.Title.Trim();
        var newTitle = title == Head.Title ? null : title;
        var (text, outcome) = await SaveChangesAsync(snapshot, newTitle, rebase, cancellationToken);
        if (outcome is null)
        {
            // The whole text: the browser sent no changes, or they did not fit the base (as the size-safe upload).
            if (documents.CheckSize(snapshot.ByteCount) is { } tooLarge)
            {
                Refused(tooLarge);
                return AutosaveAnswer.Done;
            }

            text = await Surface.ReadSnapshotAsync(snapshot);
            outcome = rebase ? await SaveTextRebasedAsync(text, newTitle, cancellationToken) : null;
            outcome ??= await commands.SendAsync(SaveDocumentCommand.OnBase(Head.Id, text, newTitle, BaseVersion, Actor), cancellationToken);
        }

        SaveFailed = false;
        switch (outcome)
        {
            case DocumentOutcome.Saved { Rebased: { } rebased } saved:
                await AcknowledgeRebasedAsync(snapshot, text, title, saved, rebased);
                break;
            case DocumentOutcome.Saved saved:
                await AcknowledgeAsync(snapshot, text, saved);
                if (rebase)
                {
                    // The status line says "saved"; a notice per autosave would only flicker.
                    Notice = automatic || !saved.Changed ? null : Notice;
                    DraftWasRestored = false;
                }

                break;
            case DocumentOutcome.Stale when automatic:
                // The server's own retries ran out (many saving at once): the text stays here, the browser tries again.
                return AutosaveAnswer.Retry;
            case DocumentOutcome.Stale stale:
                await OpenMergeAsync(stale.Current, stale.CurrentContent, snapshot, text, title, cancellationToken);
                break;
            default:
                await RefusedAsync(outcome);
                return outcome is Access.AccessOutcome.RateLimited ? AutosaveAnswer.Retry : AutosaveAnswer.Done;
        }

        return AutosaveAnswer.Done;
    }

    /// <summary>
    /// Makes the base here the version the browser says its text was made on, when they differ: a follow and a save's
    /// answer interleave (both await the browser), so the circuit's base can be a version the browser has left or not
    /// reached. Counting "mine" from the wrong base would send the others' words as this person's (the rebase then
    /// doubles them or marks them as conflicts), so the base's text is read from the server's own revision of it.
    /// </summary>
    private async Task TakeTheBrowsersBaseAsync(EditorSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.BrowserBaseVersion is not int version || version == BaseVersion || version < 1
            || (await documents.GetRevisionAsync(Head!.Id, version, Actor, cancellationToken)).Value is not { } revision)
        {
            return;
        }

        Head = AsBase(Head!, version, revision);
        BaseText = revision.Content;
    }

    /// <summary>
    /// The whole text, saved as an autosave: as the changes from <see cref="BaseText"/> (the server's text of the base
    /// version), so that the server can rebase them onto the newest version like any autosave. Null when they cannot be
    /// counted (the base text is not known here): the text goes as a plain save.
    /// </summary>
    private async Task<Outcome?> SaveTextRebasedAsync(string text, string? newTitle, CancellationToken cancellationToken)
    {
        if (documents.CheckSize(DocumentRules.ByteCount(text)) is { } tooLarge)
        {
            return tooLarge;
        }

        var changes = ChangeSet.Between(BaseText, text, cancellationToken);
        var outcome = await commands.SendAsync(SaveDocumentCommand.RebasedOnBase(Head!.Id, changes, newTitle, BaseVersion, Actor), cancellationToken);
        return outcome is DocumentOutcome.Invalid { Errors: var errors } && errors.ContainsKey("changes") ? null : outcome;
    }

    /// <summary>
    /// A save that costs what changed: the browser's changes since the base, applied here to <see cref="BaseText"/>
    /// (the text they were made on) for the editor's own use, and sent as changes, which the core applies to its text of
    /// that version. Returns the text they make and the outcome; a null outcome means the whole text must go instead
    /// (no changes were sent, they are for another version or text, or the core found they do not fit its text).
    /// </summary>
    private async Task<(string Text, Outcome? Outcome)> SaveChangesAsync(EditorSnapshot snapshot, string? newTitle, bool rebase, CancellationToken cancellationToken)
    {
        if (snapshot.Changes is not { } sent || sent.BaseVersion != BaseVersion || sent.Changes.Length != BaseText.Length)
        {
            return ("", null);
        }

        string text;
        try
        {
            text = ChangeSet.Of(sent.Changes.Length, sent.Changes.Changes, BaseText).Apply(BaseText);
        }
        catch (FormatException)
        {
            return ("", null);
        }

        if (documents.CheckSize(DocumentRules.ByteCount(text)) is { } tooLarge)
        {
            return (text, tooLarge);
        }

        var outcome = await commands.SendAsync(
            rebase
                ? SaveDocumentCommand.RebasedOnBase(Head!.Id, sent.Changes, newTitle, BaseVersion, Actor)
                : SaveDocumentCommand.ChangesOnBase(Head!.Id, sent.Changes, newTitle, BaseVersion, Actor),
            cancellationToken);

        // Refused as not fitting the core's text of the base: silently, the whole text goes (it always fits).
        return outcome is DocumentOutcome.Invalid { Errors: var errors } && errors.ContainsKey("changes") ? (text, null) : (text, outcome);
    }

    /// <summary>Saves the merge on top of the version it was computed against; if yet another one landed, merges again.</summary>
    public async Task SaveMergeAsync(CancellationToken cancellationToken)
    {
        if (Head is null || Merge is not { CanSave: true } merge)
        {
            return;
        }

        var merged = merge.ResultText();
        var title = merge.ResultTitle ?? Head.Title;
        var outcome = await commands.SendAsync(
            SaveDocumentCommand.OnBase(Head.Id, merged, title, merge.TheirsVersion, Actor), cancellationToken);
        switch (outcome)
        {
            case DocumentOutcome.Saved saved:
                Head = saved.Document.Head;
                BaseText = merged;
                Merge = null;
                Incoming = null;
                IncomingChanges = null;
                Error = null;
                await Surface.ReplaceAsync(merged, Head.CurrentVersion, Head.Title, Head.Title, unsaved: false);
                // A lock heard while this save ran keeps the editor read-only.
                await Surface.SetReadOnlyAsync(IsReadOnly);
                IsDirty = false;
                Notice = saved.Changed
                    ? $"Merged and saved as v{Head.CurrentVersion}."
                    : $"Merged: the result is v{Head.CurrentVersion} as it is, so there was nothing new to save.";
                break;
            case DocumentOutcome.Stale stale:
                var current = stale.CurrentContent ?? await CurrentContentAsync(stale.Current, cancellationToken);
                Merge = merge.Rebase(current, stale.Current.CurrentVersion, stale.Current.UpdatedBy, stale.Current.Title);
                Notice = $"v{stale.Current.CurrentVersion} was saved by {stale.Current.UpdatedBy} meanwhile: the merge was redone on top of it, keeping your choices where they still apply.";
                break;
            case DocumentOutcome.Locked { Current: var locked } when locked.CurrentVersion == merge.TheirsVersion:
                // The merge is the person's work: its result goes into the editor as unsaved text on top of the version
                // it merged with (kept in the browser's draft), to be saved once an owner unlocks.
                Head = locked;
                BaseText = merge.Theirs;
                Incoming = null;
                IncomingChanges = null;
                await Surface.ReplaceAsync(merged, Head.CurrentVersion, Head.Title, title, unsaved: true);
                IsDirty = true;
                await RefusedAsync(outcome);
                break;
            default:
                await RefusedAsync(outcome);
                break;
        }
    }

    /// <summary>What the editor holds now (for the preview), or null when it is over the size limit.</summary>
    public async Task<string?> CurrentTextAsync()
    {
        var snapshot = await Surface.SnapshotAsync();
        return documents.CheckSize(snapshot.ByteCount) is null ? await Surface.ReadSnapshotAsync(snapshot) : null;
    }

    /// <summary>An operation failed on the way (the connection dropped, the server was busy): say so, in plain words.</summary>
    public void ReportFailure()
    {
        SaveFailed = true;
        Error = "Not saved: the operation did not complete (the connection or the server failed). Your text is still here and kept in this browser; try again.";
        Notice = null;
    }

    /// <summary>A save refused for coming too fast (the write limit): how long to wait, in plain words.</summary>
    public void ReportRateLimited(int seconds) => Refused(new Access.AccessOutcome.RateLimited(seconds));

    /// <summary>Closes the merge; the text in the editor is untouched and still unsaved.</summary>
    public async Task CancelMergeAsync()
    {
        Merge = null;
        await Surface.SetReadOnlyAsync(IsReadOnly);
        Notice = "Merge cancelled: your text is unchanged and not saved yet.";
    }

    /// <summary>
    /// Someone saved a version. With no local change the editor moves to it in place; otherwise (or if the
    /// user typed in the meantime, which the browser decides) it is kept as <see cref="Incoming"/> for the notice.
    /// </summary>
    public async Task OnVersionBumpedAsync(VersionBump bump, CancellationToken cancellationToken)
    {
        if (Head is null || AccessRemoved || bump.DocumentId != Head.Id || bump.Version <= BaseVersion)
        {
            return;
        }

        if (!IsDirty && Merge is null && await FollowAsync(bump, cancellationToken))
        {
            Incoming = null;
            IncomingChanges = null;
            // Live, others' versions arrive every second or two: the text itself is the news.
            Notice = Autosave ? Notice : $"Updated to v{Head.CurrentVersion}, saved by {Head.UpdatedBy}.";
            return;
        }

        if (Autosave && Merge is null)
        {
            // Unsaved work meets a newer version: save it now, and the server's rebase brings the others' changes in.
            if (Incoming is null || bump.Version > Incoming.Version)
            {
                Incoming = bump;
                IncomingChanges = null;
            }

            await SaveSoonIfAutosavingAsync();
            return;
        }

        if (Incoming is null || bump.Version > Incoming.Version)
        {
            Incoming = bump;
            IncomingChanges = null;

            // "Saved as v5." is no longer the news once v6 is waiting: only the newer notice stays on screen (but a
            // restored draft's notice stays, it carries "Discard my draft").
            if (!DraftWasRestored)
            {
                Notice = null;
            }
        }
    }

    /// <summary>
    /// Moves the editor to the newest version in place, unless the browser has unsaved changes. What goes to the
    /// browser is what changed from the version it shows: the bump's own changes when they start there and the bump
    /// is still the newest (nothing is read but the head), else the changes between the two texts, computed here; the
    /// whole text only when changes cannot be applied there as they are (<see cref="FollowedChanges"/>).
    /// </summary>
    private async Task<bool> FollowAsync(VersionBump bump, CancellationToken cancellationToken)
    {
        if ((await documents.FindAsync(Head!.Id.ToString(), Actor, cancellationToken)).Value is not { } head || head.CurrentVersion <= BaseVersion)
        {
            return false;
        }

        string text;
        ChangeSet changes;
        if (head.CurrentVersion == bump.Version && bump.ChangesFrom(BaseVersion, BaseText.Length) is { } carried)
        {
            (text, changes) = (carried.Apply(BaseText), carried);
        }
        else if ((await documents.GetAsync(head.Id.ToString(), Actor, cancellationToken)).Value is { } newest && newest.Head.CurrentVersion > BaseVersion)
        {
            // More than one version behind, or the change was too large to carry: from the text shown to the newest.
            (head, text) = (newest.Head, newest.Content);
            changes = ChangeSet.Between(BaseText, text, cancellationToken);
        }
        else
        {
            return false;
        }

        var followed = FollowedChanges.CanSend(BaseText, changes)
            ? await Surface.FollowChangesAsync(changes, BaseVersion, head.CurrentVersion, head.Title)
            : null;
        followed ??= await Surface.FollowAsync(text, head.CurrentVersion, head.Title);
        if (followed is true)
        {
            Head = head;
            BaseText = text;
        }

        return followed is true;
    }

    /// <summary>
    /// This person's role on the document changed while it was open. Lowered to viewer: the editor turns read-only.
    /// Removed: it closes (read-only, no more versions). Either way the text on screen, saved or not, stays on screen
    /// and in the browser's draft: losing a role never throws away what someone typed.
    /// </summary>
    public async Task OnAccessChangedAsync(Access.AccessChange change)
    {
        if (Head is null || change.DocumentId != Head.Id || Actor.UserId is null || change.UserId != Actor.UserId)
        {
            return;
        }

        const string Kept = "Your unsaved text is still here and kept in this browser; copy it if you need it.";
        if (change.Role is not { } role)
        {
            AccessRemoved = true;
            Role = Documents.DocumentRole.Viewer;
            Incoming = null;
            IncomingChanges = null;
            await Surface.SetReadOnlyAsync(true);
            Error = $"An owner removed your access to this document: it is closed to you and no longer updates. {(IsDirty ? Kept : "")}".TrimEnd();
            Notice = null;
            return;
        }

        if (AccessRemoved)
        {
            // This page stopped following when the access was removed: only a new page follows again.
            Notice = "An owner gave you access to this document again: reload the page to edit it. Your unsaved text is kept in this browser.";
            return;
        }

        Role = role;
        await Surface.SetReadOnlyAsync(IsReadOnly || Merge is not null);
        Error = IsArchived ? Error : null;
        Notice = role < Documents.DocumentRole.Editor
            ? $"An owner made you a viewer of this document: you can read it and follow changes, not edit it. {(IsDirty ? Kept : "")}".TrimEnd()
            : $"An owner made you {(role == Documents.DocumentRole.Owner ? "an owner" : "an editor")} of this document: you can edit it.";
    }

    /// <summary>
    /// An owner locked or unlocked the document while it was open: locked, the editor turns read-only at once and says
    /// who and when (what was typed stays on screen and in the browser's draft); unlocked, it can be edited again.
    /// </summary>
    public async Task OnLockChangedAsync(LockChange change)
    {
        if (Head is null || change.DocumentId != Head.Id || Lock == change || (!change.Locked && !IsLocked))
        {
            return;
        }

        Lock = change;
        if (_surface is not null)
        {
            await _surface.SetReadOnlyAsync(IsReadOnly || Merge is not null);
        }

        if (change.Locked)
        {
            Notice = LockNotice();
        }
        else
        {
            Error = Error is not null && Error.StartsWith("Not saved. Locked", StringComparison.Ordinal) ? null : Error;
            Notice = IsReadOnly ? "An owner unlocked this document." : "An owner unlocked this document: you can edit it again.";
        }
    }

    /// <summary>Locks (or unlocks) the document: owners only; the pipeline checks, this only reports.</summary>
    public async Task SetLockAsync(bool locked, CancellationToken cancellationToken)
    {
        if (Head is null)
        {
            return;
        }

        var id = Head.Id.ToString();
        var outcome = locked
            ? await commands.SendAsync(new LockDocumentCommand(id, Actor), cancellationToken)
            : await commands.SendAsync(new UnlockDocumentCommand(id, Actor), cancellationToken);
        if (outcome is DocumentOutcome.LockChanged { Current: var current })
        {
            await OnLockChangedAsync(LockChange.Of(current));
            Error = null;
            Notice = locked
                ? "You locked this document: nobody can change it, you included, until an owner unlocks it."
                : "You unlocked this document: it can be edited again.";
            return;
        }

        Error = OutcomeWords.Say(outcome, locked ? Attempt.Lock : Attempt.Unlock, title: null, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>"Locked by Ana 5 min ago" while locked; null otherwise.</summary>
    public string? LockedText => IsLocked ? OutcomeWords.LockedText(LockedHead(), clock.GetUtcNow().UtcDateTime) : null;

    private string LockNotice() =>
        $"{OutcomeWords.LockedText(LockedHead(), clock.GetUtcNow().UtcDateTime)}: it can be read, not changed. "
        + (Role == Documents.DocumentRole.Owner ? "Unlock it to edit." : "Ask an owner to unlock it.")
        + (IsDirty ? " Your unsaved text is still here and kept in this browser." : "");

    /// <summary>The head as the lock describes it (who, when), for the words.</summary>
    private Document LockedHead() => new()
    {
        Id = Head!.Id,
        Slug = Head.Slug,
        Title = Head.Title,
        UpdatedBy = Head.UpdatedBy,
        LockedBy = Lock?.LockedBy,
        LockedAt = Lock?.LockedAt,
    };

    public async Task ShowIncomingChangesAsync(CancellationToken cancellationToken)
    {
        if (Head is null || Incoming is null)
        {
            return;
        }

        var incoming = (await documents.GetRevisionAsync(Head.Id, Incoming.Version, Actor, cancellationToken)).Value;
        IncomingChanges = incoming is null ? null : RevisionHistory.Compare(BaseText, incoming.Content, BaseVersion, Incoming.Version);
    }

    /// <summary>
    /// Brings the text up to the newest version: a three-way merge onto it. Without conflicts the text and its
    /// base move there (nothing is saved yet); with conflicts the merge dialog opens.
    /// </summary>
    public async Task UpdateDraftAsync(CancellationToken cancellationToken)
    {
        if (Head is null)
        {
            return;
        }

        var newest = (await documents.GetAsync(Head.Id.ToString(), Actor, cancellationToken)).Value;
        if (newest is null || newest.Head.CurrentVersion <= BaseVersion)
        {
            Incoming = null;
            IncomingChanges = null;
            return;
        }

        var snapshot = await Surface.SnapshotAsync();
        var mine = await Surface.ReadSnapshotAsync(snapshot);
        var previousBase = BaseVersion;
        var session = NewMerge(mine, snapshot.Title.Trim(), newest.Content, newest.Head);
        if (!session.CanSave)
        {
            Incoming = null;
            IncomingChanges = null;
            await OpenMergeAsync(session, snapshot);
            Notice = $"Your text and v{newest.Head.CurrentVersion} change the same lines: choose what to keep.";
            return;
        }

        if (await Surface.ReplaceAsync(session.ResultText(), newest.Head.CurrentVersion, newest.Head.Title, session.ResultTitle!, unsaved: true, onlyIfUnchangedSince: snapshot))
        {
            Head = newest.Head;
            BaseText = newest.Content;
            Incoming = null;
            IncomingChanges = null;
            Notice = $"Your text now includes v{newest.Head.CurrentVersion} (it was based on v{previousBase}). Save when ready.";
        }
        else
        {
            // The notice about the newer version stays, so the user can try again.
            Notice = "You typed while the update was being prepared, so nothing was changed. Try again.";
        }
    }

    /// <summary>Drops a restored draft and goes back to the newest saved version.</summary>
    public async Task DiscardDraftAsync(CancellationToken cancellationToken)
    {
        if (Head is null)
        {
            return;
        }

        // The draft may be based on an older version than the newest (it was not merged yet): go back to the newest.
        if ((await documents.GetAsync(Head.Id.ToString(), Actor, cancellationToken)).Value is { } newest)
        {
            Head = newest.Head;
            BaseText = newest.Content;
            Incoming = null;
            IncomingChanges = null;
        }

        Merge = null;
        await Surface.ReplaceAsync(BaseText, BaseVersion, Head.Title, Head.Title, unsaved: false);
        await Surface.SetReadOnlyAsync(IsReadOnly);
        await Surface.ForgetDraftAsync();
        IsDirty = false;
        DraftWasRestored = false;
        Notice = "Your draft was discarded.";
    }

    /// <summary>
    /// Puts an old revision's content in the editor and saves it as a new version, through the same core as any
    /// save (a newer version opens the merge). Only without unsaved changes, so that restoring never throws text away.
    /// </summary>
    public async Task RestoreRevisionAsync(int version, CancellationToken cancellationToken)
    {
        if (Head is null || IsDirty || Merge is not null)
        {
            return;
        }

        var revision = (await documents.GetRevisionAsync(Head.Id, version, Actor, cancellationToken)).Value;
        if (revision is null)
        {
            Error = $"Version {version} does not exist.";
            return;
        }

        await Surface.ReplaceAsync(revision.Content, BaseVersion, Head.Title, Head.Title, unsaved: true);
        IsDirty = true;
        await SaveAsync(cancellationToken);
        if (Merge is null && Error is null)
        {
            Notice = $"Version {version} was restored as v{BaseVersion}.";
        }
    }

    private async Task RestoreDraftAsync(StoredDraft draft, CancellationToken cancellationToken)
    {
        DraftWasRestored = true;
        if (Autosave && draft.BaseVersion < BaseVersion
            && (await documents.GetRevisionAsync(Head!.Id, draft.BaseVersion, Actor, cancellationToken)).Value is { } writtenOn)
        {
            // The draft goes in on the version it was written on, as unsaved changes to it; the autosave that follows
            // at once is rebased by the server onto the newest: silently where the two do not touch, inline conflicts
            // where they do. Until that save lands, the browser keeps the draft with its own base.
            var newest = Head;
            Head = AsBase(newest, draft.BaseVersion, writtenOn);
            BaseText = writtenOn.Content;
            Incoming = new VersionBump(newest.Id, newest.CurrentVersion, DocumentETags.Of(newest).ToString(), newest.UpdatedBy, newest.UpdatedAt, 0, 0);
            IncomingChanges = null;
            await Surface.ApplyStoredDraftAsync(BaseVersion, Head.Title);
            IsDirty = true;
            Notice = $"Your unsaved draft (based on v{draft.BaseVersion}) was restored; it is being saved onto v{newest.CurrentVersion}.";
            return;
        }

        if (draft.BaseVersion >= BaseVersion)
        {
            await Surface.ApplyStoredDraftAsync(BaseVersion, Head!.Title);
            IsDirty = true;
            Notice = draft.BaseVersion == BaseVersion
                ? "Your unsaved draft was restored."
                : $"Your unsaved draft was restored. It was based on v{draft.BaseVersion}, which this server does not have; check it before saving.";
            return;
        }

        var mine = await Surface.ReadStoredDraftAsync();
        var current = Head!;
        var draftBase = (await documents.GetRevisionAsync(current.Id, draft.BaseVersion, Actor, cancellationToken)).Value;
        var session = new MergeSession(
            draftBase?.Content ?? "", draft.BaseVersion, mine, BaseText, BaseVersion, current.UpdatedBy,
            new TitleVersions(draftBase?.Title ?? current.Title, draft.Title.Trim(), current.Title));
        if (session.CanSave)
        {
            await Surface.ReplaceAsync(session.ResultText(), BaseVersion, current.Title, session.ResultTitle!, unsaved: true);
            IsDirty = true;
            Notice = $"Your unsaved draft (based on v{draft.BaseVersion}) was restored and brought up to v{BaseVersion}.";
        }
        else
        {
            // The draft stays based on its own version until a merge onto the newest is saved: the browser keeps it
            // with that version, so no reload turns the conflict into a clean draft, and a plain save meets the
            // newer version and opens the merge again. The newer version waits as Incoming ("Update my draft").
            Head = AsBase(current, draft.BaseVersion, draftBase);
            BaseText = draftBase?.Content ?? "";
            Incoming = new VersionBump(current.Id, current.CurrentVersion, DocumentETags.Of(current).ToString(),
                current.UpdatedBy, current.UpdatedAt, 0, 0);
            IncomingChanges = null;

            // The draft goes into the editor first, so that it is what the browser keeps while the dialog is open.
            await Surface.ApplyStoredDraftAsync(BaseVersion, Head.Title);
            IsDirty = true;
            Merge = session;
            await Surface.SetReadOnlyAsync(true);
            Notice = $"Your unsaved draft is based on v{draft.BaseVersion}; the document is now at v{current.CurrentVersion}. Merge them to go on.";
        }
    }

    /// <summary>The document as it was at <paramref name="version"/> (its revision, when there is one): the base of a draft written on it.</summary>
    private static Document AsBase(Document current, int version, Revision? revision) => new()
    {
        Id = current.Id,
        Slug = current.Slug,
        Title = revision?.Title ?? current.Title,
        CurrentVersion = version,
        State = current.State,
        CreatedAt = current.CreatedAt,
        UpdatedAt = revision?.CreatedAt ?? current.UpdatedAt,
        UpdatedBy = revision?.Author ?? current.UpdatedBy,
        Size = revision?.Size ?? 0,
    };

    private async Task AcknowledgeAsync(EditorSnapshot snapshot, string text, DocumentOutcome.Saved saved)
    {
        var previous = BaseVersion;
        Head = saved.Document.Head;
        BaseText = text;
        Error = null;
        IsDirty = await Surface.MarkSavedAsync(snapshot, Head.CurrentVersion, Head.Title);
        if (Incoming is { } incoming && incoming.Version <= Head.CurrentVersion)
        {
            Incoming = null;
            IncomingChanges = null;
        }

        Notice = saved.Changed ? $"Saved as v{Head.CurrentVersion}." : $"Nothing to save: the text is the same as v{previous}.";
    }

    /// <summary>
    /// A save rebased by the server onto newer versions: the browser applies the others' changes over its text (and
    /// what was typed since the snapshot), with the conflicts shown inline. No notice for a clean rebase: the text is
    /// the news. When the browser cannot take it as changes, the saved text replaces its own if nothing was typed since;
    /// otherwise the base stays where it was and the next autosave is rebased again (nothing typed is dropped).
    /// </summary>
    private async Task AcknowledgeRebasedAsync(
        EditorSnapshot snapshot, string text, string myTitle, DocumentOutcome.Saved saved, RebasedSave rebased)
    {
        var head = saved.Document.Head;
        string savedText;
        try
        {
            savedText = rebased.ToSaved.Length == text.Length ? rebased.ToSaved.Apply(text) : saved.Document.Content;
        }
        catch (ArgumentException)
        {
            savedText = saved.Document.Content;
        }

        var author = string.Join(", ", rebased.Authors.Distinct(StringComparer.Ordinal));
        var applied = FollowedChanges.CanSend(text, rebased.ToSaved)
            ? await Surface.ApplyRebaseAsync(snapshot, rebased.ToSaved, head.CurrentVersion, head.Title, rebased.Conflicts, author)
            : null;
        if (applied is null)
        {
            if (!await Surface.ReplaceAsync(savedText, head.CurrentVersion, head.Title, head.Title, unsaved: false, snapshot, rebased.Conflicts, author))
            {
                // Typed since, and the others' changes cannot be put under it here: keep the old base, so the next
                // save carries everything again and the server rebases it once more.
                Incoming = new VersionBump(head.Id, head.CurrentVersion, DocumentETags.Of(head).ToString(), head.UpdatedBy, head.UpdatedAt, 0, 0);
                return;
            }

            applied = false;
        }

        Head = head;
        BaseText = savedText;
        Error = null;
        IsDirty = applied.Value;
        DraftWasRestored = false;
        if (Incoming is { } incoming && incoming.Version <= Head.CurrentVersion)
        {
            Incoming = null;
            IncomingChanges = null;
        }

        Notice = rebased.TheirTitle is { } theirTitle
            ? $"{author} renamed the document to “{theirTitle}” meanwhile: that title was kept, not yours (“{myTitle}”)."
            : null;
    }

    private async Task OpenMergeAsync(Document current, string? currentContent, EditorSnapshot snapshot, string mine, string myTitle, CancellationToken cancellationToken)
    {
        var theirs = currentContent ?? await CurrentContentAsync(current, cancellationToken);
        await OpenMergeAsync(NewMerge(mine, myTitle, theirs, current), snapshot);
        Notice = $"v{current.CurrentVersion} was saved by {current.UpdatedBy} while you were editing. Merge your changes with theirs.";
    }

    /// <summary>Opens the dialog with typing locked; if a keystroke slipped in before the lock, the merge takes it in.</summary>
    private async Task OpenMergeAsync(MergeSession session, EditorSnapshot snapshot)
    {
        var generation = await Surface.SetReadOnlyAsync(true);
        if (generation != snapshot.Generation)
        {
            var latest = await Surface.SnapshotAsync();
            var mine = await Surface.ReadSnapshotAsync(latest);
            session = new MergeSession(
                session.BaseText, session.BaseVersion, mine, session.Theirs, session.TheirsVersion, session.TheirsAuthor,
                session.Titles is { } titles ? titles with { Mine = latest.Title.Trim() } : null);
        }

        Merge = session;
        Error = null;
    }

    private MergeSession NewMerge(string mine, string myTitle, string theirs, Document current) =>
        new(BaseText, BaseVersion, mine, theirs, current.CurrentVersion, current.UpdatedBy,
            new TitleVersions(Head!.Title, myTitle.Length == 0 ? Head.Title : myTitle, current.Title));

    /// <summary>
    /// A save refused: in words, and a lock met this way (its announcement not heard yet) turns the editor read-only at
    /// once, never into a merge: the merge dialog closes, and the text stays in the editor and the browser's draft.
    /// </summary>
    private async Task RefusedAsync(Outcome outcome)
    {
        Refused(outcome);
        if (outcome is DocumentOutcome.Locked { Current: var current })
        {
            Lock = LockChange.Of(current);
            Merge = null;
            await Surface.SetReadOnlyAsync(true);
        }
    }

    /// <summary>Turns a refusal into plain words for the error bar (<see cref="OutcomeWords"/>). The text stays in the editor and in the browser's draft.</summary>
    private void Refused(Outcome outcome)
    {
        if (outcome is DocumentOutcome.Archived { Current: var archived })
        {
            Head = archived;
        }

        Error = OutcomeWords.Say(outcome, Attempt.Save, title: null, clock.GetUtcNow().UtcDateTime);

        // A restored draft's notice stays beside the refusal: it says where the text came from and carries "Discard my
        // draft" (an autosave of a restored draft that is refused, say as too large, must not take that way out away).
        Notice = DraftWasRestored ? Notice : null;
    }

    private async Task<string> CurrentContentAsync(Document current, CancellationToken cancellationToken) =>
        ((await documents.GetRevisionAsync(current.Id, current.CurrentVersion, Actor, cancellationToken)).Value)?.Content ?? "";
}
