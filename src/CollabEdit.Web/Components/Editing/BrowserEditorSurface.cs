using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// <see cref="IEditorSurface"/> over the browser's editor. Text never travels in a circuit message: the server
/// sends it as a stream (<see cref="DotNetStreamReference"/>), and the browser sends it as the body of a request
/// to <see cref="EditorUploadsApi"/>, with a single-use token issued here. No document size meets a message limit.
/// </summary>
internal sealed class BrowserEditorSurface(IJSObjectReference editor, EditorUploads uploads, long maxContentBytes, bool autosaveOn) : IEditorSurface
{
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(1);

    // A draft kept while offline may be over the save limit (the save then says so); reading it must still work.
    private readonly long _maxDraftBytes = (maxContentBytes * 2) + (1024 * 1024);
    private (long Generation, string Text)? _uploaded;

    public async Task LoadAsync(string text, int version, string title)
    {
        using var stream = Stream(text);
        await editor.InvokeVoidAsync("load", stream, version, title);
    }

    public Task<StoredDraft?> StoredDraftAsync() => editor.InvokeAsync<StoredDraft?>("storedDraft").AsTask();

    public Task UseDraftsOfAsync(string owner) => editor.InvokeVoidAsync("useDraftsOf", owner).AsTask();

    public Task ApplyStoredDraftAsync(int baseVersion, string baseTitle) => editor.InvokeAsync<bool>("applyStoredDraft", baseVersion, baseTitle).AsTask();

    public Task<string> ReadStoredDraftAsync() => UploadAsync(_maxDraftBytes, url => editor.InvokeVoidAsync("uploadStoredDraft", url));

    /// <summary>
    /// Takes the snapshot and, in the same step, either what changed since the base (small, in the answer itself) or,
    /// when it is within the size limit, its text (uploaded).
    /// </summary>
    public async Task<EditorSnapshot> SnapshotAsync(bool preferChanges = false)
    {
        var (token, text) = uploads.Expect(maxContentBytes);
        try
        {
            var taken = await editor.InvokeAsync<TakenSnapshot>("takeSnapshot", Url(token), maxContentBytes, preferChanges);
            _uploaded = taken.Uploaded ? (taken.Generation, await text.WaitAsync(UploadTimeout)) : null;
            return new EditorSnapshot(taken.Generation, taken.Title, taken.ByteCount, ChangesOf(taken), taken.BaseVersion);
        }
        finally
        {
            uploads.Cancel(token);
        }
    }

    public async Task<string> ReadSnapshotAsync(EditorSnapshot snapshot) =>
        _uploaded is { } uploaded && uploaded.Generation == snapshot.Generation
            ? uploaded.Text
            : await UploadAsync(_maxDraftBytes, url => editor.InvokeVoidAsync("uploadSnapshot", snapshot.Generation, url));

    public Task<bool> MarkSavedAsync(EditorSnapshot snapshot, int version, string title) =>
        editor.InvokeAsync<bool>("markSaved", snapshot.Generation, version, title).AsTask();

    public async Task<bool> FollowAsync(string text, int version, string title)
    {
        using var stream = Stream(text);
        return await editor.InvokeAsync<bool>("follow", stream, version, title);
    }

    public Task<bool?> FollowChangesAsync(ChangeSet changes, int fromVersion, int version, string title) =>
        editor.InvokeAsync<bool?>("followChanges", ChangeSetJson.ToJson(changes), fromVersion, version, title).AsTask();

    public async Task<bool> ReplaceAsync(
        string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null,
        IReadOnlyList<RebaseConflict>? conflicts = null, string? author = null)
    {
        using var stream = Stream(text);
        return await editor.InvokeAsync<bool>(
            "replace", stream, version, baseTitle, title, unsaved, onlyIfUnchangedSince?.Generation ?? -1, conflicts is { Count: > 0 } ? conflicts : null, author);
    }

    public bool AutosaveOn { get; private set; } = autosaveOn;

    public async Task SetAutosaveAsync(bool enabled)
    {
        await editor.InvokeVoidAsync("setAutosave", enabled);
        AutosaveOn = enabled;
    }

    public Task SaveSoonAsync() => editor.InvokeVoidAsync("saveNow").AsTask();

    public Task<bool?> ApplyRebaseAsync(EditorSnapshot snapshot, ChangeSet toSaved, int version, string title, IReadOnlyList<RebaseConflict> conflicts, string author) =>
        editor.InvokeAsync<bool?>("applyRebase", snapshot.Generation, ChangeSetJson.ToJson(toSaved), version, title, conflicts, author).AsTask();

    public Task<long> SetReadOnlyAsync(bool locked) => editor.InvokeAsync<long>("setReadOnly", locked).AsTask();

    public Task ForgetDraftAsync() => editor.InvokeVoidAsync("forgetDraft").AsTask();

    private static DotNetStreamReference Stream(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static string Url(string token) => $"{EditorUploadsApi.Path}/{token}";

    /// <summary>Asks the browser to upload a text with a fresh token, and takes it when it has arrived.</summary>
    private async Task<string> UploadAsync(long maxBytes, Func<string, ValueTask> upload)
    {
        var (token, text) = uploads.Expect(maxBytes);
        try
        {
            await upload(Url(token));
            return await text.WaitAsync(UploadTimeout);
        }
        finally
        {
            uploads.Cancel(token);
        }
    }

    /// <summary>The changes the browser sent, if they are a change set at all (if not, the text is uploaded when read).</summary>
    private static EditorChanges? ChangesOf(TakenSnapshot taken)
    {
        if (taken.Changes is not { } json || taken.BaseVersion is not int baseVersion)
        {
            return null;
        }

        try
        {
            return new EditorChanges(baseVersion, ChangeSetJson.Parse(json));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>What takeSnapshot answers: with <c>changes</c> (CodeMirror's JSON, to <c>baseVersion</c>), nothing was uploaded.</summary>
    private sealed record TakenSnapshot(long Generation, string Title, long ByteCount, bool Uploaded, string? Changes = null, int? BaseVersion = null);
}
