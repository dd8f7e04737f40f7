using CollabEdit.Web.Components.Documents;
using CollabEdit.Web.Components.Layout;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabEdit.Web.Components.Pages;

/// <summary>
/// The documents list, creation and archive/restore; every action goes through the documents core. The list follows
/// the person's access changes live: a document shared with them appears, one they were removed from goes.
/// </summary>
public partial class Home : IDisposable
{
    private DocumentTable? _table;
    private IDisposable? _access;
    private bool _ready;

    /// <summary>The search, in the address (?q=) so that it can be shared and the app bar can start one.</summary>
    [SupplyParameterFromQuery]
    public string? Q { get; set; }

    [Inject]
    private DocumentService Documents { get; set; } = default!;

    [Inject]
    private BrowserPreferences Preferences { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private CircuitUser User { get; set; } = default!;

    [Inject]
    private ClientRateLimiter Limits { get; set; } = default!;

    [Inject]
    private IAccessFeed Access { get; set; } = default!;

    private async Task<DocumentListPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        (await Documents.ListAsync(query, await User.ActorAsync(Preferences.DisplayName), cancellationToken)).Value
            ?? new DocumentListPage([], 0, new Dictionary<Guid, CollabEdit.Web.Features.Access.DocumentRole>());

    protected override async Task OnParametersSetAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            if (CollabEdit.Web.Features.Access.Actors.UserIdOf(await User.PrincipalAsync()) is { } userId)
            {
                _access = Access.SubscribeUser(userId, change => InvokeAsync(() => OnAccessChangedAsync(change)));
            }

            await Preferences.LoadAsync();
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task OnAccessChangedAsync(CollabEdit.Web.Features.Access.AccessChange change)
    {
        if (_table is not null)
        {
            await _table.ReloadAsync();
        }

        if (change.Before is null)
        {
            Snackbar.Add("A document was shared with you: it is in the list.", Severity.Info);
        }
    }

    public void Dispose()
    {
        _access?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task NewDocumentAsync()
    {
        var parameters = new DialogParameters<CreateDocumentDialog> { { d => d.Create, CreateAsync } };
        var dialog = await Dialogs.ShowAsync<CreateDocumentDialog>("New document", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string slug })
        {
            Navigation.NavigateTo($"docs/{slug}");
        }
    }

    private async Task<(string? Slug, string? Error)> CreateAsync(string? title, string? slug)
    {
        if (await TooFastAsync() is { } wait)
        {
            return (null, wait);
        }

        var command = new CreateDocumentCommand(title, slug, "", await User.ActorAsync(Preferences.DisplayName));
        return await Documents.CreateAsync(command, CancellationToken.None) switch
        {
            DocumentOutcome.Created created => (created.Document.Head.Slug, null),
            DocumentOutcome.SlugTaken taken => (null, $"The address '{taken.Slug}' is already used by another document. Choose another, or leave it empty."),
            DocumentOutcome.Invalid invalid => (null, string.Join(" ", invalid.Errors.Values.SelectMany(e => e))),
            DocumentOutcome.Unauthenticated => (null, "You are signed out: sign in again, then create the document."),
            _ => (null, "The document could not be created. Try again."),
        };
    }

    /// <summary>Archive or restore, guarded by the version the row shows: a document changed meanwhile is not archived blind.</summary>
    private async Task<string?> ChangeStateAsync(Document document, bool archive)
    {
        if (await TooFastAsync() is { } wait)
        {
            return wait;
        }

        var ifMatch = new IfMatch(true, false, [DocumentETags.ForDocument(document.Id, document.CurrentVersion, document.State)]);
        var command = new ChangeStateCommand(document.Id.ToString(), ifMatch, await User.ActorAsync(Preferences.DisplayName));
        var outcome = archive ? await Documents.ArchiveAsync(command, CancellationToken.None) : await Documents.RestoreAsync(command, CancellationToken.None);
        return outcome switch
        {
            DocumentOutcome.StateChanged => null,
            DocumentOutcome.PreconditionFailed failed => $"\u201c{document.Title}\u201d changed meanwhile (now v{failed.Current.CurrentVersion}); the list is updated, try again.",
            DocumentOutcome.NotFound => $"\u201c{document.Title}\u201d no longer exists, or you no longer have access to it.",
            DocumentOutcome.Forbidden => $"Only owners archive and restore \u201c{document.Title}\u201d.",
            _ => $"\u201c{document.Title}\u201d could not be {(archive ? "archived" : "restored")}.",
        };
    }

    /// <summary>The write limit the API applies, from the same bucket: null when within it, else what to tell the user.</summary>
    private async Task<string?> TooFastAsync()
    {
        using var lease = await Limits.AcquireAsync(RateLimitKind.Writes, await User.ClientKeyAsync());
        return lease.IsAcquired
            ? null
            : $"Too many changes at once: wait {WriteRateLimiting.Seconds(Limits.RetryAfter(RateLimitKind.Writes, lease))} second(s) and try again.";
    }

    private void ShowMessage((string Message, bool Failed) message) =>
        Snackbar.Add(message.Message, message.Failed ? Severity.Warning : Severity.Success);
}
