using System.Text;
using CollabEdit.Web.Features.Editing;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// <see cref="IEditorSurface"/> over the browser's editor. Text crosses the circuit only as streams
/// (<see cref="DotNetStreamReference"/> one way, <see cref="IJSStreamReference"/> the other), which are sent in
/// chunks: no document size meets the circuit's message limit.
/// </summary>
internal sealed class BrowserEditorSurface(IJSObjectReference editor, long maxContentBytes) : IEditorSurface
{
    // A draft kept while offline may be over the save limit (the save then says so); reading it must still work.
    private readonly long _maxReadBytes = (maxContentBytes * 2) + (1024 * 1024);

    public async Task LoadAsync(string text, int version, string title)
    {
        using var stream = Stream(text);
        await editor.InvokeVoidAsync("load", stream, version, title);
    }

    public Task<StoredDraft?> StoredDraftAsync() => editor.InvokeAsync<StoredDraft?>("storedDraft").AsTask();

    public Task ApplyStoredDraftAsync() => editor.InvokeAsync<bool>("applyStoredDraft").AsTask();

    public async Task<string> ReadStoredDraftAsync() => await ReadAsync(await editor.InvokeAsync<IJSStreamReference>("readStoredDraft"));

    public Task<EditorSnapshot> SnapshotAsync() => editor.InvokeAsync<EditorSnapshot>("takeSnapshot").AsTask();

    public async Task<string> ReadSnapshotAsync(EditorSnapshot snapshot) =>
        await ReadAsync(await editor.InvokeAsync<IJSStreamReference>("readSnapshot", snapshot.Generation));

    public Task<bool> MarkSavedAsync(EditorSnapshot snapshot, int version, string title) =>
        editor.InvokeAsync<bool>("markSaved", snapshot.Generation, version, title).AsTask();

    public async Task<bool> FollowAsync(string text, int version, string title)
    {
        using var stream = Stream(text);
        return await editor.InvokeAsync<bool>("follow", stream, version, title);
    }

    public async Task<bool> ReplaceAsync(string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null)
    {
        using var stream = Stream(text);
        return await editor.InvokeAsync<bool>("replace", stream, version, baseTitle, title, unsaved, onlyIfUnchangedSince?.Generation ?? -1);
    }

    public Task<long> SetReadOnlyAsync(bool locked) => editor.InvokeAsync<long>("setReadOnly", locked).AsTask();

    public Task ForgetDraftAsync() => editor.InvokeVoidAsync("forgetDraft").AsTask();

    private static DotNetStreamReference Stream(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private async Task<string> ReadAsync(IJSStreamReference reference)
    {
        await using (reference)
        {
            await using var stream = await reference.OpenReadStreamAsync(_maxReadBytes);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync();
        }
    }
}
