using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// The browser's editor as editor.js behaves, in memory, so that <see cref="DocumentEditor"/> can be driven
/// without a browser: a text and title the user types into, a generation bumped by each keystroke, a draft
/// kept from an earlier visit, and what changed since the base (sent on save instead of the text, as editor.js does,
/// unless <see cref="SendsChanges"/> is off; unknown after a kept draft or an unsaved replacement, and when the base
/// text has a "\r"). The real one is tested in Chromium (e2e).
/// </summary>
public sealed class BrowserEditorStandIn : IEditorSurface
{
    private long _cleanGeneration;
    private string _baseTitle = "";
    private (int BaseVersion, string Title, string Text)? _stored;

    /// <summary>The base version's text, when the editor knows its text is that text plus what was typed since; else null.</summary>
    private string? _baseText;

    /// <summary>The last snapshot's text (editor.js keeps it with the snapshot).</summary>
    private (long Generation, string Text)? _snapshotText;

    /// <summary>Whether a save sends changes when they are known (editor.js: when they are small).</summary>
    public bool SendsChanges { get; set; } = true;

    /// <summary>Whether the changes a save sends claim a text one character longer than the base (a browser that lost track).</summary>
    public bool ChangesLie { get; set; }

    /// <summary>Every snapshot taken for a save, with the changes it sent (null: the whole text).</summary>
    public List<EditorSnapshot> Snapshots { get; } = [];

    /// <summary>How each followed version came: "changes" or "text".</summary>
    public List<string> Follows { get; } = [];

    public string Text { get; private set; } = "";

    public string Title { get; private set; } = "";

    public int BaseVersion { get; private set; }

    public long Generation { get; private set; }

    public bool IsReadOnly { get; private set; }

    public bool IsDirty => Generation != _cleanGeneration || Title != _baseTitle;

    /// <summary>Typing: a local change, as the user makes it. Refused while read-only, as in the browser.</summary>
    public void Type(string text, string? title = null)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("The editor is read-only.");
        }

        Text = text;
        Title = title ?? Title;
        Generation++;
    }

    /// <summary>Whose drafts are kept, once the editor says.</summary>
    public string? Owner { get; private set; }

    /// <summary>A draft kept from an earlier visit (what IndexedDB would hold).</summary>
    public void KeepDraft(int baseVersion, string title, string text) => _stored = (baseVersion, title, text);

    /// <summary>The page is reloaded: a new editor, with what editor.js keeps after every change (the text and the version it is based on) as its draft.</summary>
    public BrowserEditorStandIn Reloaded()
    {
        var next = new BrowserEditorStandIn();
        if (IsDirty)
        {
            next.KeepDraft(BaseVersion, Title, Text);
        }

        return next;
    }

    public Task UseDraftsOfAsync(string owner)
    {
        Owner = owner;
        return Task.CompletedTask;
    }

    public Task LoadAsync(string text, int version, string title)
    {
        (Text, BaseVersion, Title, _baseTitle, _cleanGeneration) = (text, version, title, title, Generation);
        _baseText = AsBase(text);
        return Task.CompletedTask;
    }

    public Task<StoredDraft?> StoredDraftAsync() =>
        Task.FromResult(_stored is { } d ? new StoredDraft(d.BaseVersion, d.Title, Encoding.UTF8.GetByteCount(d.Text)) : null);

    public Task ApplyStoredDraftAsync(int baseVersion, string baseTitle)
    {
        if (_stored is { } d)
        {
            (BaseVersion, _baseTitle) = (baseVersion, baseTitle);
            Text = d.Text;
            Title = d.Title;
            Generation++;
            _stored = null;
            _baseText = null;
        }

        return Task.CompletedTask;
    }

    public Task<string> ReadStoredDraftAsync() => Task.FromResult(_stored?.Text ?? "");

    public Task<EditorSnapshot> SnapshotAsync(bool preferChanges = false)
    {
        var snapshot = preferChanges && SendsChanges && _baseText is { } baseText
            ? new EditorSnapshot(Generation, Title, EditorSnapshot.NotMeasured, new EditorChanges(BaseVersion, ChangesSince(baseText)))
            : new EditorSnapshot(Generation, Title, Encoding.UTF8.GetByteCount(Text), BaseVersion: BaseVersion);
        if (preferChanges)
        {
            Snapshots.Add(snapshot);
        }

        _snapshotText = (snapshot.Generation, Text);
        return Task.FromResult(snapshot);
    }


    public Task<string> ReadSnapshotAsync(EditorSnapshot snapshot) =>
        Task.FromResult(_snapshotText is { } taken && taken.Generation == snapshot.Generation ? taken.Text : Text);

    public Task<bool> MarkSavedAsync(EditorSnapshot snapshot, int version, string title)
    {
        BaseVersion = version;
        _baseTitle = title;
        _baseText = _snapshotText is { } taken && taken.Generation == snapshot.Generation ? taken.Text : null;
        if (Generation == snapshot.Generation)
        {
            _cleanGeneration = Generation;
        }

        return Task.FromResult(IsDirty);
    }

    public Task<bool> FollowAsync(string text, int version, string title)
    {
        if (IsDirty)
        {
            return Task.FromResult(false);
        }

        (Text, BaseVersion, Title, _baseTitle) = (text, version, title, title);
        _baseText = AsBase(text);
        Follows.Add("text");
        return Task.FromResult(true);
    }

    public Task<bool?> FollowChangesAsync(ChangeSet changes, int fromVersion, int version, string title)
    {
        if (IsDirty)
        {
            return Task.FromResult<bool?>(false);
        }

        if (fromVersion != BaseVersion || _baseText != Text || changes.Length != Text.Length)
        {
            return Task.FromResult<bool?>(null);
        }

        (Text, BaseVersion, Title, _baseTitle) = (changes.Apply(Text), version, title, title);
        _baseText = Text;
        Follows.Add("changes");
        return Task.FromResult<bool?>(true);
    }

    public Task<bool> ReplaceAsync(
        string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null,
        IReadOnlyList<RebaseConflict>? conflicts = null, string? author = null)
    {
        if (conflicts is { Count: > 0 } && (onlyIfUnchangedSince is null || onlyIfUnchangedSince.Generation == Generation))
        {
            Conflicts.AddRange(conflicts.Select(c => (c, author ?? "")));
        }

        if (onlyIfUnchangedSince is { } snapshot && snapshot.Generation != Generation)
        {
            return Task.FromResult(false);
        }

        (Text, BaseVersion, _baseTitle, Title) = (text, version, baseTitle, title);
        if (unsaved)
        {
            Generation++;
            _baseText = null;
        }
        else
        {
            _cleanGeneration = Generation;
            _baseText = AsBase(text);
        }

        return Task.FromResult(true);
    }

    public Task<long> SetReadOnlyAsync(bool locked)
    {
        IsReadOnly = locked;
        return Task.FromResult(Generation);
    }

    public Task ForgetDraftAsync()
    {
        _stored = null;
        return Task.CompletedTask;
    }

    /// <summary>Whether the editor saves by itself (what the browser remembers for the document).</summary>
    public bool AutosaveOn { get; set; }

    /// <summary>How many times .NET asked the browser to autosave now.</summary>
    public int SavesAsked { get; private set; }

    /// <summary>Conflicts shown in the text (positions as handed over, then as editor.js maps them), with who wrote theirs.</summary>
    public List<(RebaseConflict Conflict, string Author)> Conflicts { get; } = [];

    public Task SetAutosaveAsync(bool enabled)
    {
        AutosaveOn = enabled;
        return Task.CompletedTask;
    }

    public Task SaveSoonAsync()
    {
        SavesAsked++;
        return Task.CompletedTask;
    }

    /// <summary>
    /// As editor.js: the others' changes are applied under what was typed since the snapshot (here only the case where
    /// nothing or a plain change was typed: the stand-in rebases the typed text by a diff over the saved one), and the
    /// conflicts are kept. Null when the snapshot is not the latest save's.
    /// </summary>
    public Task<bool?> ApplyRebaseAsync(EditorSnapshot snapshot, ChangeSet toSaved, int version, string title, IReadOnlyList<RebaseConflict> conflicts, string author)
    {
        if (_snapshotText is not { } taken || taken.Generation != snapshot.Generation || toSaved.Length != taken.Text.Length)
        {
            return Task.FromResult<bool?>(null);
        }

        var saved = toSaved.Apply(taken.Text);
        if (Generation == snapshot.Generation)
        {
            Text = saved;
            _cleanGeneration = Generation;
        }
        else
        {
            // Typed since the snapshot: those changes, moved over the saved text (CodeMirror maps them; a diff does here).
            Text = ChangeSet.Between(taken.Text, Text).Apply(taken.Text) == Text
                ? Rebase3(taken.Text, saved, Text)
                : Text;
        }

        (BaseVersion, _baseTitle) = (version, title);
        Title = Title == snapshot.Title ? title : Title;
        _baseText = saved;
        Conflicts.AddRange(conflicts.Select(c => (c, author)));
        return Task.FromResult<bool?>(IsDirty);
    }

    /// <summary>Typed-since changes (snapshot to now) moved over the saved text: fine for the small edits tests make.</summary>
    private static string Rebase3(string snapshotText, string saved, string now)
    {
        var typed = ChangeSet.Between(snapshotText, now);
        var others = ChangeSet.Between(snapshotText, saved);
        var offset = 0;
        var result = saved;
        foreach (var change in typed.Changes)
        {
            var at = change.From + others.Changes.Where(o => o.From < change.From).Sum(o => o.Insert.Length - o.Removed) + offset;
            result = result[..at] + change.Insert + result[(at + change.Removed)..];
            offset += change.Insert.Length - change.Removed;
        }

        return result;
    }

    private ChangeSet ChangesSince(string baseText) =>
        ChangesLie ? ChangeSet.Of(baseText.Length + 1, [new TextChange(0, 0, "?")]) : ChangeSet.Between(baseText, Text);

    /// <summary>CodeMirror keeps only "\n": a text with "\r" is never a base that changes could be counted on.</summary>
    private static string? AsBase(string text) => text.Contains('\r', StringComparison.Ordinal) ? null : text;
}
