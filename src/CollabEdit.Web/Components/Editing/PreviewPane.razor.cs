using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// The live Markdown preview. The browser (preview.js) watches the editor's text and says when it changed (debounced,
/// with its length only); the pane then has the text uploaded as a request body with a single-use token, as the
/// editor's saves are (<see cref="EditorUploads"/>), and renders it on the server through <see cref="SafeMarkdown"/>.
/// It never takes the editor's save snapshot, so an autosave in flight is not disturbed by a render.
/// </summary>
public partial class PreviewPane : IAsyncDisposable
{
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromSeconds(30);

    private IJSObjectReference? _module;
    private DotNetObjectReference<PreviewPane>? _self;
    private int? _watch;
    private bool _reading;
    private bool _disposed;

    /// <summary>The largest text, in characters, rendered again on every change (above it: on Refresh).</summary>
    [Parameter]
    public int LiveUpTo { get; set; } = LivePreview.DefaultLiveUpTo;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private EditorUploads Uploads { get; set; } = default!;

    [Inject]
    private IOptions<DocumentLimits> Limits { get; set; } = default!;

    private LivePreview Preview { get; set; } = new();

    protected override void OnParametersSet()
    {
        if (Preview.LiveUpTo != LiveUpTo)
        {
            Preview = new LivePreview { LiveUpTo = LiveUpTo };
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/preview.js");
        if (_disposed)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _watch = await _module.InvokeAsync<int>("watch", _self);
    }

    /// <summary>The editor's text changed (or the watch started) and now has <paramref name="characters"/> UTF-16 units.</summary>
    /// <remarks>The browser waits for this to return before telling the next change, so renders never pile up.</remarks>
    [JSInvokable]
    public Task TextChanged(long characters) => _disposed ? Task.CompletedTask : InvokeAsync(async () =>
    {
        if (Preview.TextChanged(characters))
        {
            await ReadAsync();
        }

        StateHasChanged();
    });

    private Task RefreshAsync() => ReadAsync();

    /// <summary>Has the browser upload the editor's text now, and renders it.</summary>
    private async Task ReadAsync()
    {
        if (_module is null || _reading || _disposed)
        {
            return;
        }

        _reading = true;
        var (token, text) = Uploads.Expect(Limits.Value.MaxContentBytes);
        try
        {
            var status = await _module.InvokeAsync<int>("upload", $"{EditorUploadsApi.Path}/{token}");
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                Preview.Show(null);
            }
            else if (status is >= 200 and < 300)
            {
                Preview.Show(await text.WaitAsync(UploadTimeout));
            }
            else
            {
                Preview.Failed();
            }
        }
        catch (Exception exception) when (exception is JSException or TimeoutException or TaskCanceledException)
        {
            // The browser could not send it (offline, a server restart): the last rendering stays, marked as not up to date.
            Preview.Failed();
        }
        finally
        {
            Uploads.Cancel(token);
            _reading = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_module is not null)
            {
                if (_watch is int watch)
                {
                    await _module.InvokeVoidAsync("unwatch", watch);
                }

                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page went away with the circuit: its timer went with it.
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
