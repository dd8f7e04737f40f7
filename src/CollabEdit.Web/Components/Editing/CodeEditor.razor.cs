using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// Wraps the browser's editor (CodeMirror 6, in editor.js). The text lives in the browser; the component hands
/// the page an <see cref="IEditorSurface"/> to move text in and out as streams, and passes on the two things the
/// browser reports by itself: unsaved changes appearing or going away, and typing (for presence).
/// </summary>
public partial class CodeEditor : IAsyncDisposable
{
    private ElementReference _host;
    private ElementReference _title;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<CodeEditor>? _self;
    private bool _disposed;

    /// <summary>The document whose drafts the browser keeps (one per person and document; whose is set by the page through the surface).</summary>
    [Parameter, EditorRequired]
    public Guid DocumentId { get; set; }

    /// <summary>Called once the browser's editor is up, with the surface to load text into and read it from.</summary>
    [Parameter, EditorRequired]
    public EventCallback<IEditorSurface> OnReady { get; set; }

    [Parameter, EditorRequired]
    public EventCallback<bool> OnDirtyChanged { get; set; }

    /// <summary>
    /// The person is typing (at most every 1.5 s). A plain delegate, not an event callback: telling the others must not
    /// re-render this page (nothing on it changes; each render costs a few hundred bytes on the wire).
    /// </summary>
    [Parameter]
    public Action? OnTyping { get; set; }

    /// <summary>
    /// The browser's caret moved (anchor, head; at most a few times a second). A plain delegate, not an event
    /// callback: a caret move must not re-render the page.
    /// </summary>
    [Parameter]
    public Action<int, int>? OnCaretMoved { get; set; }

    /// <summary>The browser's autosave scheduler asks for a save (editor.js owns the timing, one save in flight at a time).</summary>
    [Parameter, EditorRequired]
    public Func<Task<AutosaveAnswer>> OnAutoSave { get; set; } = default!;

    /// <summary>How many conflicts are open in the text, as the browser counts them.</summary>
    [Parameter, EditorRequired]
    public EventCallback<int> OnConflictsChanged { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private DocumentService Documents { get; set; } = default!;

    [Inject]
    private EditorUploads Uploads { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/editor.js");
        _self = DotNetObjectReference.Create(this);
        _handle = await _module.InvokeAsync<IJSObjectReference>("mount", _host, _title, _self, DocumentId.ToString());
        var autosave = await _handle.InvokeAsync<bool>("autosaveOn");
        if (!_disposed)
        {
            await OnReady.InvokeAsync(new BrowserEditorSurface(_handle, Uploads, Documents.Limits.MaxContentBytes, autosave));
        }
    }

    /// <remarks>Called by the browser as soon as the first unsaved change appears, and when they are all saved.</remarks>
    [JSInvokable]
    public Task DirtyChanged(bool dirty) => _disposed ? Task.CompletedTask : InvokeAsync(() => OnDirtyChanged.InvokeAsync(dirty));

    [JSInvokable]
    public Task Typing() => _disposed ? Task.CompletedTask : InvokeAsync(() => OnTyping?.Invoke());

    /// <remarks>Called by the browser when the caret or selection moved (throttled there, and not while the page is hidden).</remarks>
    [JSInvokable]
    public void CaretMoved(int anchor, int head)
    {
        if (!_disposed)
        {
            OnCaretMoved?.Invoke(anchor, head);
        }
    }

    /// <summary>Shows the others' carets in the browser's editor (replacing the ones shown); nothing once disposed or gone.</summary>
    public Task ShowCaretsAsync(IReadOnlyList<Caret> carets) => InvokeAsync(async () =>
    {
        if (_disposed || _handle is null)
        {
            return;
        }

        try
        {
            await _handle.InvokeVoidAsync("showCarets", carets);
        }
        catch (JSDisconnectedException)
        {
            // The page is gone with the circuit: nobody to show them to.
        }
    });

    /// <remarks>
    /// Answers "done" or "retry" (see <see cref="AutosaveAnswer"/>); a page gone away has nothing to save. <paramref name="dirty"/>
    /// is the browser's word on unsaved text, passed on first: a report of it made while the circuit was down never arrived.
    /// </remarks>
    [JSInvokable]
    public async Task<string> AutoSave(bool dirty)
    {
        if (_disposed)
        {
            return "done";
        }

        var answer = AutosaveAnswer.Done;
        await InvokeAsync(async () =>
        {
            await OnDirtyChanged.InvokeAsync(dirty);
            answer = await OnAutoSave();
        });
        return answer == AutosaveAnswer.Retry ? "retry" : "done";
    }

    [JSInvokable]
    public Task ConflictsChanged(int count) => _disposed ? Task.CompletedTask : InvokeAsync(() => OnConflictsChanged.InvokeAsync(count));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone with the circuit: the browser already cleaned up (and kept the draft).
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
