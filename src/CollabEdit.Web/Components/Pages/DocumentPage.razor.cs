using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Pages;

/// <summary>
/// The editor page: wires <see cref="DocumentEditor"/> (the logic) to the browser's editor, the live feed of new
/// versions, presence and the keyboard. Nothing here decides what a save means; the documents core does.
/// </summary>
public partial class DocumentPage : IAsyncDisposable
{
    /// <summary>This editor's entry in the presence of the document (one per open page).</summary>
    private readonly string _presenceId = $"editor-{Guid.NewGuid():N}";

    private IJSObjectReference? _module;
    private IJSObjectReference? _shortcuts;
    private DotNetObjectReference<DocumentPage>? _self;
    private IDisposable? _bumps;
    private IDisposable? _presenceSubscription;
    private Presence? _presence;
    private MergeDialog? _dialog;
    private string? _author;
    private string _nameInput = "";
    private string? _nameError;
    private string? _preview;
    private bool _askName;
    private bool _saving;
    private bool _ready;
    private bool _history;
    private bool _disposed;

    [Parameter]
    public string Slug { get; set; } = "";

    [Inject]
    private DocumentEditor Editor { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IVersionFeed Versions { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private ILogger<DocumentPage> Logger { get; set; } = default!;

    private string StatusLine => Editor.Head is not { } head
        ? ""
        : Editor.Merge is { } merge
            ? $"v{head.CurrentVersion} · merging with v{merge.TheirsVersion}, not saved yet"
            : Editor.IsDirty
                ? $"v{head.CurrentVersion} · {(Editor.Error is null ? "unsaved changes" : "not saved")} (kept in this browser)"
                : $"v{head.CurrentVersion} · saved {RelativeTime.Describe(head.UpdatedAt, Clock.GetUtcNow().UtcDateTime)} by {head.UpdatedBy}";

    protected override Task OnParametersSetAsync() => Editor.LoadAsync(Slug, CancellationToken.None);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Editor.Head is null)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
        _self = DotNetObjectReference.Create(this);
        _shortcuts = await _module.InvokeAsync<IJSObjectReference>("registerShortcuts", _self);
        _author = await _module.InvokeAsync<string?>("getDisplayName");
        var (name, nameError) = Authors.Validate(_author);
        _askName = string.IsNullOrWhiteSpace(_author) || nameError is not null;
        var documentId = Editor.Head.Id;
        _presenceSubscription = Presence.Subscribe(documentId, presence => InvokeAsync(() =>
        {
            _presence = presence;
            StateHasChanged();
        }));
        Presence.Join(documentId, _presenceId, _askName ? DocumentRules.AnonymousAuthor : name!);
    }

    /// <summary>The browser's editor is up: show the version, bring back a kept draft, then follow new versions.</summary>
    private async Task AttachAsync(IEditorSurface surface)
    {
        await Editor.AttachAsync(surface, CancellationToken.None);
        _bumps = Versions.Subscribe(Editor.Head!.Id, bump => InvokeAsync(async () =>
        {
            if (_disposed)
            {
                return;
            }

            await Editor.OnVersionBumpedAsync(bump, CancellationToken.None);
            StateHasChanged();
        }));

        // Interactive from here on (tests wait for this).
        _ready = true;
    }

    private void OnDirtyChanged(bool dirty) => Editor.OnDirtyChanged(dirty);

    private void OnTyping()
    {
        if (Editor.Head is not null)
        {
            Presence.Typing(Editor.Head.Id, _presenceId);
        }
    }

    /// <remarks>Calls from JavaScript, unlike UI events, do not re-render by themselves.</remarks>
    [JSInvokable]
    public Task OnSaveShortcut() => InvokeAsync(async () =>
    {
        await (Editor.Merge is { CanSave: true } ? SaveMergeAsync() : SaveAsync());
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnConflictShortcut(int step) => InvokeAsync(() => _dialog?.Move(step));

    [JSInvokable]
    public Task OnEscape() => InvokeAsync(async () =>
    {
        if (Editor.Merge is not null)
        {
            await CancelMergeAsync();
            StateHasChanged();
        }
    });

    private async Task SaveNameAsync()
    {
        var (name, error) = Authors.Validate(_nameInput);
        if (error is not null || name == DocumentRules.AnonymousAuthor || _module is null)
        {
            _nameError = error ?? "Please give a name.";
            return;
        }

        await _module.InvokeVoidAsync("setDisplayName", name);
        _author = name;
        _askName = false;
        _nameError = null;
        if (Editor.Head is not null)
        {
            Presence.Join(Editor.Head.Id, _presenceId, name!);
        }
    }

    private Task SaveAsync() => RunAsync(() => Editor.SaveAsync(_author!, CancellationToken.None));

    private Task SaveMergeAsync() => RunAsync(() => Editor.SaveMergeAsync(_author!, CancellationToken.None));

    private Task RestoreAsync(int version) => RunAsync(() => Editor.RestoreRevisionAsync(version, _author!, CancellationToken.None));

    private Task CancelMergeAsync() => RunAsync(Editor.CancelMergeAsync);

    private Task ShowIncomingChangesAsync() => Editor.ShowIncomingChangesAsync(CancellationToken.None);

    private Task UpdateDraftAsync() => RunAsync(() => Editor.UpdateDraftAsync(CancellationToken.None));

    private Task DiscardDraftAsync() => RunAsync(Editor.DiscardDraftAsync);

    /// <summary>The preview renders what is in the editor now (sanitised Markdown), side by side with it.</summary>
    private async Task TogglePreviewAsync()
    {
        if (_preview is not null || Editor.Head is null)
        {
            _preview = null;
            return;
        }

        await RunAsync(async () =>
        {
            var text = await Editor.CurrentTextAsync();
            _preview = SafeMarkdown.ToHtml(text ?? "");
        });
    }

    /// <summary>
    /// One operation at a time. Whatever fails (the browser went away mid-save, the database is busy), the user
    /// reads that the text was not saved and is kept; the circuit never dies of it and no stack trace is shown.
    /// </summary>
    private async Task RunAsync(Func<Task> operation)
    {
        if (_saving || _author is null || Editor.Head is null)
        {
            return;
        }

        _saving = true;
        try
        {
            await operation();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.OperationFailed(Logger, exception, Editor.Head.Id);
            Editor.ReportFailure();
        }
        finally
        {
            _saving = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _bumps?.Dispose();
        _presenceSubscription?.Dispose();
        if (Editor.Head is not null)
        {
            Presence.Leave(Editor.Head.Id, _presenceId);
        }

        try
        {
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("dispose");
                await _shortcuts.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the page: nothing left to clean up in the browser.
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "An editor operation on document {DocumentId} failed; the user was told their text is kept")]
        public static partial void OperationFailed(ILogger logger, Exception exception, Guid documentId);
    }
}
