using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Pages;

/// <summary>
/// The editor: loads a version (the base of the next save), keeps the draft in the browser while it is
/// unsaved, saves through the same guarded path as the API, and opens the merge dialog when a save meets a
/// newer version. The logic is in <see cref="DocumentEditor"/>; this class wires it to the page and the browser.
/// </summary>
public partial class DocumentPage : IAsyncDisposable
{
    private static readonly TimeSpan DraftDelay = TimeSpan.FromMilliseconds(400);

    private IJSObjectReference? _module;
    private IDisposable? _bumps;
    private IDisposable? _presenceSubscription;
    private Presence? _presence;
    private DateTimeOffset _lastTyping;
    private int[]? _pendingCaret;

    /// <summary>This editor's entry in the presence of the document (one per open page).</summary>
    private readonly string _presenceId = $"editor-{Guid.NewGuid():N}";
    private IJSObjectReference? _shortcuts;
    private DotNetObjectReference<DocumentPage>? _self;
    private CancellationTokenSource? _pendingDraft;
    private MergeDialog? _dialog;
    private string? _author;
    private string _nameInput = "";
    private bool _askName;
    private bool _saving;
    private bool _preview;
    private bool _ready;
    private bool _history;

    [Parameter]
    public string Slug { get; set; } = "";

    [Inject]
    private DocumentEditor Editor { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDocumentEvents Events { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    private string StatusLine => Editor.Head is not { } head
        ? ""
        : Editor.IsDirty
            ? $"v{head.CurrentVersion} · unsaved changes"
            : $"v{head.CurrentVersion} · saved {RelativeTime.Describe(head.UpdatedAt, Clock.GetUtcNow().UtcDateTime)} by {head.UpdatedBy}";

    protected override Task OnParametersSetAsync() => Editor.LoadAsync(Slug, CancellationToken.None);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pendingCaret is [var start, var end] && _module is not null)
        {
            _pendingCaret = null;
            await _module.InvokeVoidAsync("setCaret", "ce-editor", start, end);
        }

        if (!firstRender || Editor.Head is null)
        {
            return;
        }

        var documentId = Editor.Head.Id;
        _bumps = Events.Subscribe(documentId, bump => InvokeAsync(async () =>
        {
            // An update in place replaces the text: keep the caret where it was.
            var followsInPlace = !Editor.IsDirty && Editor.Merge is null && !_preview && _module is not null;
            _pendingCaret = followsInPlace ? await _module!.InvokeAsync<int[]?>("getCaret", "ce-editor") : null;
            await Editor.OnVersionBumpedAsync(bump, CancellationToken.None);
            StateHasChanged();
        }));
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
        _self = DotNetObjectReference.Create(this);
        _shortcuts = await _module.InvokeAsync<IJSObjectReference>("registerShortcuts", _self);
        _author = await _module.InvokeAsync<string?>("getDisplayName");
        _askName = string.IsNullOrWhiteSpace(_author);
        _presenceSubscription = Presence.Subscribe(documentId, presence => InvokeAsync(() =>
        {
            _presence = presence;
            StateHasChanged();
        }));
        await Presence.JoinAsync(documentId, _presenceId, _author ?? DocumentRules.AnonymousAuthor);
        var draft = await _module.InvokeAsync<StoredDraft?>("loadDraft", Editor.Head.Id.ToString());
        if (draft is { Text: not null })
        {
            if (draft.Title is { Length: > 0 } title)
            {
                Editor.Title = title;
            }

            await Editor.RestoreDraftAsync(draft.Text, draft.BaseVersion, CancellationToken.None);
        }

        // Interactive from here on: what the user types now reaches the server (tests wait for this).
        _ready = true;
        StateHasChanged();
    }

    /// <remarks>Calls from JavaScript, unlike UI events, do not re-render by themselves.</remarks>
    [JSInvokable]
    public Task OnSaveShortcut() => InvokeAsync(async () =>
    {
        StateHasChanged();
        await (Editor.Merge is { CanSave: true } ? SaveMergeAsync() : SaveAsync());
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnConflictShortcut(int step) => InvokeAsync(() => _dialog?.Move(step));

    [JSInvokable]
    public Task OnEscape() => InvokeAsync(() =>
    {
        if (Editor.Merge is not null)
        {
            CancelMerge();
            StateHasChanged();
        }
    });

    private async Task SaveNameAsync()
    {
        var name = _nameInput.Trim();
        if (name.Length == 0 || _module is null)
        {
            return;
        }

        await _module.InvokeVoidAsync("setDisplayName", name);
        _author = name;
        _askName = false;
        if (Editor.Head is not null)
        {
            await Presence.JoinAsync(Editor.Head.Id, _presenceId, name);
        }
    }

    private async Task SaveAsync()
    {
        if (_saving || _author is null || Editor.Head is null)
        {
            return;
        }

        _saving = true;
        try
        {
            await Editor.SaveAsync(_author, CancellationToken.None);
            await KeepOrClearDraftAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task SaveMergeAsync()
    {
        if (_saving || _author is null)
        {
            return;
        }

        _saving = true;
        try
        {
            await Editor.SaveMergeAsync(_author, CancellationToken.None);
            await KeepOrClearDraftAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private void CancelMerge() => Editor.CancelMerge();

    private Task ShowIncomingChangesAsync() => Editor.ShowIncomingChangesAsync(CancellationToken.None);

    private async Task UpdateDraftAsync()
    {
        await Editor.UpdateDraftAsync(CancellationToken.None);
        await KeepOrClearDraftAsync();
    }

    private async Task DiscardDraftAsync()
    {
        Editor.DiscardDraft();
        await KeepOrClearDraftAsync();
    }

    private async Task RestoreAsync(int version)
    {
        if (_saving || _author is null)
        {
            return;
        }

        _saving = true;
        try
        {
            await Editor.RestoreRevisionAsync(version, _author, CancellationToken.None);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Keeps the draft in the browser a moment after the last keystroke, with the version it is based on.</summary>
    private async Task DraftChangedAsync()
    {
        // Others see "typing" for a few seconds; telling them at most every two seconds is enough.
        var now = Clock.GetUtcNow();
        if (Editor.Head is not null && now - _lastTyping > TimeSpan.FromSeconds(2))
        {
            _lastTyping = now;
            await Presence.TypingAsync(Editor.Head.Id, _presenceId);
        }

        if (_pendingDraft is not null)
        {
            await _pendingDraft.CancelAsync();
            _pendingDraft.Dispose();
        }

        _pendingDraft = new CancellationTokenSource();
        var token = _pendingDraft.Token;
        try
        {
            await Task.Delay(DraftDelay, token);
            await KeepOrClearDraftAsync();
        }
        catch (TaskCanceledException)
        {
            // A newer keystroke will store the draft.
        }
    }

    private async Task KeepOrClearDraftAsync()
    {
        if (_module is null || Editor.Head is null)
        {
            return;
        }

        var id = Editor.Head.Id.ToString();
        if (Editor.IsDirty || Editor.Merge is not null)
        {
            var baseVersion = Editor.Merge?.BaseVersion ?? Editor.BaseVersion;
            await _module.InvokeVoidAsync("saveDraft", id, baseVersion, Editor.Title, Editor.Merge?.Mine ?? Editor.Draft);
        }
        else
        {
            await _module.InvokeVoidAsync("clearDraft", id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bumps?.Dispose();
        _presenceSubscription?.Dispose();
        if (Editor.Head is not null)
        {
            await Presence.LeaveAsync(Editor.Head.Id, _presenceId);
        }

        _pendingDraft?.Dispose();
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

    private sealed record StoredDraft(int BaseVersion, string? Title, string? Text);
}
