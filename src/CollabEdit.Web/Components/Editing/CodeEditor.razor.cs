using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Editing;
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

    [Parameter]
    public EventCallback OnTyping { get; set; }

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
        if (!_disposed)
        {
            await OnReady.InvokeAsync(new BrowserEditorSurface(_handle, Uploads, Documents.Limits.MaxContentBytes));
        }
    }

    /// <remarks>Called by the browser as soon as the first unsaved change appears, and when they are all saved.</remarks>
    [JSInvokable]
    public Task DirtyChanged(bool dirty) => _disposed ? Task.CompletedTask : InvokeAsync(() => OnDirtyChanged.InvokeAsync(dirty));

    [JSInvokable]
    public Task Typing() => _disposed ? Task.CompletedTask : InvokeAsync(() => OnTyping.InvokeAsync());

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
