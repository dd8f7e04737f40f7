using CollabEdit.Web.Components.Documents;
using CollabEdit.Web.Components.Layout;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabEdit.Web.Components.Pages;

/// <summary>
/// The documents list, creation and archive/restore; every change goes through the command pipeline and every refusal
/// is put in words by <see cref="OutcomeWords"/>. The list follows
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
    private CommandPipeline Commands { get; set; } = default!;

    [Inject]
    private IAccessFeed Access { get; set; } = default!;

    private async Task<DocumentListPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        (await Documents.ListAsync(query, await User.ActorAsync(Preferences.DisplayName), cancellationToken)).Value
            ?? new DocumentListPage([], 0, new Dictionary<Guid, CollabEdit.Web.Features.Documents.DocumentRole>());

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
        var command = new CreateDocumentCommand(title, slug, "", await User.ActorAsync(Preferences.DisplayName));
        return await Commands.SendAsync(command, CancellationToken.None) switch
        {
            DocumentOutcome.Created created => (created.Document.Head.Slug, null),
            var refused => (null, OutcomeWords.Say(refused, Attempt.Create, title: null, Clock.GetUtcNow().UtcDateTime)),
        };
    }

    /// <summary>Archive or restore, guarded by the version the row shows: a document changed meanwhile is not archived blind.</summary>
    private async Task<string?> ChangeStateAsync(Document document, bool archive)
    {
        var ifMatch = new IfMatch(true, false, [DocumentETags.Of(document)]);
        var actor = await User.ActorAsync(Preferences.DisplayName);
        var outcome = archive
            ? await Commands.SendAsync(new ArchiveDocumentCommand(document.Id.ToString(), ifMatch, actor), CancellationToken.None)
            : await Commands.SendAsync(new RestoreDocumentCommand(document.Id.ToString(), ifMatch, actor), CancellationToken.None);
        return outcome is DocumentOutcome.StateChanged
            ? null
            : OutcomeWords.Say(outcome, archive ? Attempt.Archive : Attempt.Restore, document.Title, Clock.GetUtcNow().UtcDateTime);
    }

    private void ShowMessage((string Message, bool Failed) message) =>
        Snackbar.Add(message.Message, message.Failed ? Severity.Warning : Severity.Success);
}
