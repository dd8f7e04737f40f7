using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Components.Layout;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabEdit.Web.Components.Pages;

/// <summary>
/// The editor page: wires <see cref="DocumentEditor"/> (the logic) to the browser's editor, the live feed of new
/// versions, presence and the keyboard. Nothing here decides what a save means; the documents core does.
/// </summary>
public partial class DocumentPage : IAsyncDisposable
{
    /// <summary>This editor's entry in the presence of the document (one per open page).</summary>
    private readonly string _presenceId = $"editor-{Guid.NewGuid():N}";

    /// <summary>The page's own first render work (shortcuts, who the user is) is done: only then is it interactive.</summary>
    private readonly TaskCompletionSource _pageInitialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IJSObjectReference? _module;
    private IJSObjectReference? _shortcuts;
    private DotNetObjectReference<DocumentPage>? _self;
    private IDisposable? _bumps;
    private IDisposable? _locks;
    private IDisposable? _access;
    private IDisposable? _presenceSubscription;
    private CodeEditor? _codeEditor;
    private CaretSession? _carets;
    private Presence? _presence;
    private IDialogReference? _mergeDialog;
    private string? _nameError;
    private bool _askName;
    private bool _saving;

    /// <summary>Completed whenever no operation runs: what an autosave asked for during one waits on.</summary>
    private TaskCompletionSource _idle = Idle();

    /// <summary>The newest version announced while an operation ran: followed once it is done, never in the middle of it.</summary>
    private VersionBump? _bumpWhileBusy;
    private bool _autoSaving;

    /// <summary>A save the person asked for (Save, Ctrl+S, the merge's save) runs: "Saving…" on the button. Taking in someone else's version is not saving.</summary>
    private bool _manualSaving;
    private bool _ready;
    private bool _history;
    private bool _preview;
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
    private IAccessFeed Access { get; set; } = default!;

    [Inject]
    private CaretTracker Carets { get; set; } = default!;

    [Inject]
    private ILogger<DocumentPage> Logger { get; set; } = default!;

    [Inject]
    private BrowserPreferences Preferences { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private CircuitUser User { get; set; } = default!;

    /// <summary>This tab's entries in presence, which leave when its connection drops.</summary>
    [Inject]
    private CircuitPresence CircuitPresence { get; set; } = default!;

    /// <summary>Whether this user may save (editor or owner; everyone in open mode).</summary>
    private bool CanEdit => Editor.Role >= DocumentRole.Editor;

    /// <summary>Whether this user may lock and unlock (owners; everyone in open mode).</summary>
    private bool CanLock => Editor.Role == DocumentRole.Owner && !Editor.AccessRemoved;

    protected override async Task OnParametersSetAsync()
    {
        Editor.Actor = await User.ActorAsync(givenName: null);
        await Editor.LoadAsync(Slug, CancellationToken.None);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Editor.Head is null)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
        _self = DotNetObjectReference.Create(this);
        _shortcuts = await _module.InvokeAsync<IJSObjectReference>("registerShortcuts", _self);
        await Preferences.LoadAsync();
        string? name = Editor.Actor.Author;
        if (await User.NamesAreGivenAsync())
        {
            // Open mode, nobody signed in: the name this browser gave before, or ask for one.
            (name, var nameError) = Authors.Validate(Preferences.DisplayName);
            _askName = string.IsNullOrWhiteSpace(Preferences.DisplayName) || nameError is not null;
            Editor.Actor = await User.ActorAsync(_askName ? null : name);
        }

        // Drafts are this person's (the account, or in open mode the name given): looked for only once that is known.
        Editor.DraftOwner = DraftOwners.Of(await User.PrincipalAsync(), _askName ? null : name);

        var documentId = Editor.Head.Id;
        _presenceSubscription = Presence.Subscribe(documentId, presence => InvokeAsync(() =>
        {
            _presence = presence;
            StateHasChanged();
        }));
        CircuitPresence.Join(documentId, _presenceId, _askName ? DocumentRules.AnonymousAuthor : name!);
        _carets = new CaretSession(Carets, documentId, _presenceId, _askName ? DocumentRules.AnonymousAuthor : name!, ShowCaretsAsync);
        _pageInitialized.TrySetResult();
    }

    /// <summary>The browser's editor is up: show the version, bring back this person's kept draft, then follow new versions.</summary>
    private async Task AttachAsync(IEditorSurface surface)
    {
        // Who edits (and so whose draft to offer) is known once the page's own first render work is done.
        await _pageInitialized.Task;
        await Editor.AttachAsync(surface, CancellationToken.None);
        _bumps = Versions.Subscribe(Editor.Head!.Id, bump => InvokeAsync(() => OnVersionBumpedAsync(bump)));
        _access = Access.SubscribeDocument(Editor.Head!.Id, change => InvokeAsync(() => OnAccessChangedAsync(change)));
        _locks = Versions.SubscribeLocks(Editor.Head!.Id, change => InvokeAsync(async () =>
        {
            if (_disposed)
            {
                return;
            }

            await Editor.OnLockChangedAsync(change);
            StateHasChanged();
        }));

        // Interactive from here on (tests wait for this).
        _ready = true;

        // A draft kept from an earlier visit may need merging: the dialog opens without holding up the page.
        if (Editor.Merge is not null)
        {
            _ = InvokeAsync(OpenMergeDialogAsync);
        }
    }

    /// <summary>Removed from the document: the page stops following it (versions, presence); the text stays where it is.</summary>
    private async Task OnAccessChangedAsync(AccessChange change)
    {
        if (_disposed)
        {
            return;
        }

        await Editor.OnAccessChangedAsync(change);
        if (Editor.AccessRemoved)
        {
            _bumps?.Dispose();
            _presenceSubscription?.Dispose();
            _presence = null;
            _carets?.Dispose();
            _history = false;
            CircuitPresence.Leave(change.DocumentId, _presenceId);
        }

        StateHasChanged();
    }

    private void OnDirtyChanged(bool dirty) => Editor.OnDirtyChanged(dirty);

    private void OnConflictsChanged(int count) => Editor.OnConflictsChanged(count);

    /// <summary>How long an autosave waits for an operation in flight before it answers "retry".</summary>
    private static readonly TimeSpan OperationWait = TimeSpan.FromSeconds(5);

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    /// <summary>
    /// The browser's autosave: through the same one-operation-at-a-time path as Save, after the operation in flight if
    /// there is one. Still busy after a few seconds, or failed on the way, it answers "retry" and the browser tries
    /// again later; the text stays there meanwhile.
    /// </summary>
    private async Task<AutosaveAnswer> AutoSaveAsync()
    {
        if (_disposed || Editor.Head is null || _askName)
        {
            return AutosaveAnswer.Done;
        }

        // An operation in flight (most often a newer version being taken in, which itself asked for this save) is waited
        // for, briefly, rather than answered "retry": the browser would wait a second or two before trying again, and
        // with someone else saving every second, each of their versions would put this person's autosave seconds behind.
        if (!await IdleSoonAsync())
        {
            return AutosaveAnswer.Retry;
        }

        var answer = AutosaveAnswer.Retry;
        _autoSaving = true;
        try
        {
            await RunAsync(async () =>
            {
                StateHasChanged(); // "saving…"
                answer = await Editor.AutoSaveAsync(CancellationToken.None);
            });
        }
        finally
        {
            _autoSaving = false;
        }

        if (!_disposed)
        {
            StateHasChanged();
        }

        return answer;
    }

    /// <summary>The person switches autosave for this document.</summary>
    /// <remarks>Not queued behind a save in flight: switching only tells the browser, which owns the timing.</remarks>
    private async Task SetAutosaveAsync(bool on)
    {
        try
        {
            await Editor.SetAutosaveAsync(on);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Log.OperationFailed(Logger, exception, Editor.Head!.Id);
            Editor.ReportFailure();
        }
    }

    private void OnTyping()
    {
        if (Editor.Head is not null)
        {
            CircuitPresence.Typing(Editor.Head.Id, _presenceId);
        }
    }

    /// <remarks>Calls from JavaScript, unlike UI events, do not re-render by themselves.</remarks>
    [JSInvokable]
    public Task OnSaveShortcut() => InvokeAsync(async () =>
    {
        await (Editor.Merge is { CanSave: true } ? SaveMergeAsync() : SaveAsync());
        StateHasChanged();
    });

    private async Task SaveNameAsync(string? given)
    {
        var (name, error) = Authors.Validate(given);
        if (error is not null || name == DocumentRules.AnonymousAuthor)
        {
            _nameError = error ?? "Please give a name.";
            return;
        }

        await Preferences.SetDisplayNameAsync(name!);
        Editor.Actor = await User.ActorAsync(name);
        await RunAsync(() => Editor.UseDraftsOfAsync(DraftOwners.Of(null, name), CancellationToken.None), needsAuthor: false);
        _askName = false;
        _nameError = null;
        if (Editor.Head is not null)
        {
            CircuitPresence.Join(Editor.Head.Id, _presenceId, name!);
            _carets?.Name = name!;
        }
    }

    /// <summary>The browser's caret moved: the others see it (carets refer to the version the text is based on).</summary>
    private void OnCaretMoved(int anchor, int head) => _carets?.Move(Editor.BaseVersion, anchor, head);

    /// <summary>The others' carets, to the browser's editor (from the carets' own thread; the editor component dispatches).</summary>
    private Task ShowCaretsAsync(IReadOnlyList<Caret> carets) => _codeEditor?.ShowCaretsAsync(carets) ?? Task.CompletedTask;

    private Task SaveAsync() => SaveAsked(() => Editor.SaveAsync(CancellationToken.None));

    private Task SaveMergeAsync() => SaveAsked(() => Editor.SaveMergeAsync(CancellationToken.None));

    /// <summary>A save the person asked for: after the operation in flight (a version being taken in), never dropped because of it.</summary>
    private async Task SaveAsked(Func<Task> save)
    {
        if (!await IdleSoonAsync())
        {
            return;
        }

        _manualSaving = true;
        try
        {
            await RunAsync(save);
        }
        finally
        {
            _manualSaving = false;
        }
    }

    /// <summary>Waits up to <see cref="OperationWait"/> for the operation in flight to end; false if it is still running (or the page went away).</summary>
    private async Task<bool> IdleSoonAsync()
    {
        var waitUntil = Clock.GetUtcNow() + OperationWait;
        while (_saving && !_disposed)
        {
            var left = waitUntil - Clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(_idle.Task, Task.Delay(left, Clock));
        }

        return !_disposed;
    }

    /// <summary>The dialog's save: the merge still to resolve afterwards (rebased, or refused with the reason shown), or null once saved.</summary>
    private async Task<MergeSession?> SaveMergeFromDialogAsync(MergeSession session)
    {
        await SaveMergeAsync();
        StateHasChanged();
        return Editor.Merge;
    }

    /// <summary>Opens the merge dialog when a merge is waiting and none is open; Cancel or Escape closes it and unlocks the editor.</summary>
    private async Task OpenMergeDialogAsync()
    {
        if (Editor.Merge is not { } merge || _mergeDialog is not null)
        {
            return;
        }

        var parameters = new DialogParameters<MergeDialog>
        {
            { d => d.Session, merge },
            { d => d.Save, SaveMergeFromDialogAsync },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraLarge, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, CloseButton = true };
        _mergeDialog = await Dialogs.ShowAsync<MergeDialog>("Merge", parameters, options);
        var result = await _mergeDialog.Result;
        _mergeDialog = null;
        if (result is { Canceled: true } && Editor.Merge is not null && !_disposed)
        {
            await CancelMergeAsync();
            StateHasChanged();
        }
    }

    /// <summary>Who has access; owners change it there.</summary>
    private async Task OpenShareDialogAsync()
    {
        var parameters = new DialogParameters<ShareDialog>
        {
            { d => d.DocumentId, Editor.Head!.Id },
            { d => d.Actor, Editor.Actor },
            { d => d.CanManage, Editor.Role == DocumentRole.Owner },
        };
        await Dialogs.ShowAsync<ShareDialog>("Share", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true });
    }

    /// <summary>Owners lock the document (nobody writes it until unlocked) or unlock it.</summary>
    private Task SetLockAsync(bool locked) => RunAsync(() => Editor.SetLockAsync(locked, CancellationToken.None));

    private Task RestoreAsync(int version) => RunAsync(() => Editor.RestoreRevisionAsync(version, CancellationToken.None));

    private Task CancelMergeAsync() => RunAsync(Editor.CancelMergeAsync, needsAuthor: false);

    private Task ShowIncomingChangesAsync() => Editor.ShowIncomingChangesAsync(CancellationToken.None);

    private Task UpdateDraftAsync() => RunAsync(() => Editor.UpdateDraftAsync(CancellationToken.None), needsAuthor: false);

    private Task DiscardDraftAsync() => RunAsync(() => Editor.DiscardDraftAsync(CancellationToken.None), needsAuthor: false);

    /// <summary>
    /// One operation at a time. Whatever fails (the browser went away mid-save, the database is busy), the user
    /// reads that the text was not saved and is kept; the circuit never dies of it and no stack trace is shown.
    /// </summary>
    private async Task RunAsync(Func<Task> operation, bool needsAuthor = true)
    {
        if (_saving || (needsAuthor && (_askName || Editor.Actor.Author is null)) || Editor.Head is null)
        {
            return;
        }

        _saving = true;
        _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await operation();
            if (Editor.Merge is not null && _mergeDialog is null)
            {
                _ = InvokeAsync(OpenMergeDialogAsync);
            }
        }
        catch (JSException exception) when (UploadRefusal.RetryAfterSeconds(exception.Message) is int seconds)
        {
            // Refused, not failed: the browser's upload of the text met the write limit.
            Editor.ReportRateLimited(seconds);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.OperationFailed(Logger, exception, Editor.Head.Id);
            Editor.ReportFailure();
        }
        finally
        {
            _saving = false;
            _idle.TrySetResult();
        }

        if (_bumpWhileBusy is { } waiting && !_disposed)
        {
            _bumpWhileBusy = null;
            _ = InvokeAsync(() => OnVersionBumpedAsync(waiting));
        }
    }

    /// <summary>
    /// A newer version was announced. Taken in turn with saves and every other operation (an autosave's answer being
    /// applied while a follow moved the browser on would leave the circuit's base behind the browser's): while one
    /// runs, the newest announcement waits and is followed (or saved onto, when there is unsaved text) right after.
    /// </summary>
    private async Task OnVersionBumpedAsync(VersionBump bump)
    {
        if (_disposed)
        {
            return;
        }

        if (_saving)
        {
            if (_bumpWhileBusy is null || bump.Version > _bumpWhileBusy.Version)
            {
                _bumpWhileBusy = bump;
            }

            return;
        }

        await RunAsync(() => Editor.OnVersionBumpedAsync(bump, CancellationToken.None), needsAuthor: false);
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _bumps?.Dispose();
        _locks?.Dispose();
        _access?.Dispose();
        _presenceSubscription?.Dispose();
        _carets?.Dispose();
        if (Editor.Head is not null)
        {
            CircuitPresence.Leave(Editor.Head.Id, _presenceId);
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
