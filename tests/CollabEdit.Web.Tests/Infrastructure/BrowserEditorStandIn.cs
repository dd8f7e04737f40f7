using System.Text;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// The browser's editor as editor.js behaves, in memory, so that <see cref="DocumentEditor"/> can be driven
/// without a browser: a text and title the user types into, a generation bumped by each keystroke, a draft
/// kept from an earlier visit. The real one is tested in Chromium (e2e).
/// </summary>
public sealed class BrowserEditorStandIn : IEditorSurface
{
    private long _cleanGeneration;
    private string _baseTitle = "";
    private (int BaseVersion, string Title, string Text)? _stored;

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
        }

        return Task.CompletedTask;
    }

    public Task<string> ReadStoredDraftAsync() => Task.FromResult(_stored?.Text ?? "");

    public Task<EditorSnapshot> SnapshotAsync() => Task.FromResult(new EditorSnapshot(Generation, Title, Encoding.UTF8.GetByteCount(Text)));

    public Task<string> ReadSnapshotAsync(EditorSnapshot snapshot) => Task.FromResult(Text);

    public Task<bool> MarkSavedAsync(EditorSnapshot snapshot, int version, string title)
    {
        BaseVersion = version;
        _baseTitle = title;
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
        return Task.FromResult(true);
    }

    public Task<bool> ReplaceAsync(string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null)
    {
        if (onlyIfUnchangedSince is { } snapshot && snapshot.Generation != Generation)
        {
            return Task.FromResult(false);
        }

        (Text, BaseVersion, _baseTitle, Title) = (text, version, baseTitle, title);
        if (unsaved)
        {
            Generation++;
        }
        else
        {
            _cleanGeneration = Generation;
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
}
