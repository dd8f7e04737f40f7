using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Layout;

/// <summary>The app bar (name, search, user, light/dark) around every page.</summary>
public partial class MainLayout : IDisposable
{
    private string? _query;

    /// <summary>Whose drafts this page's sign-out removes: the person signed in when the page opened, even if their session has ended since (the page then acts for nobody, yet their drafts must still go).</summary>
    private string? _draftOwner;

    [Inject]
    private BrowserPreferences Preferences { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized() => Preferences.Changed += OnPreferencesChanged;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Preferences.LoadAsync();
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            if (Features.Access.Actors.UserIdOf(user) is not null)
            {
                _draftOwner = Features.Editing.DraftOwners.Of(user, givenName: null);
                // Whoever signs in on this browser never finds drafts another account left by not signing out.
                await Account.BrowserSignIn.ForgetOtherAccountsDraftsAsync(JS, _draftOwner);
            }
        }
    }

    [Inject]
    private Microsoft.JSInterop.IJSRuntime JS { get; set; } = default!;

    private static string SignedInName(System.Security.Claims.ClaimsPrincipal user) => Features.Access.Actors.DisplayNameOf(user);

    [Inject]
    private Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private MudBlazor.IDialogService Dialogs { get; set; } = default!;

    /// <summary>Signs out; the person's unsaved drafts leave this browser with them, after they agree to lose them.</summary>
    /// <remarks>The account menu closes only when its item's handler returns: the question is asked after that, not behind the open menu.</remarks>
    private Task SignOutAsync()
    {
        _ = InvokeAsync(SignOutAskingFirstAsync);
        return Task.CompletedTask;
    }

    private async Task SignOutAskingFirstAsync()
    {
        var owner = _draftOwner ?? Features.Editing.DraftOwners.Of((await Authentication.GetAuthenticationStateAsync()).User, givenName: null);
        await Account.BrowserSignIn.SignOutAsync(JS, owner, ConfirmDiscardAsync);
    }

    private async Task<bool> ConfirmDiscardAsync(int documents) =>
        await Dialogs.ShowMessageBoxAsync(
            "Sign out and discard unsaved changes?",
            $"You have unsaved changes in {(documents == 1 ? "1 document" : $"{documents} documents")}. Signing out removes them from this browser, so that nobody else using it can see them. Save them first to keep them.",
            yesText: "Sign out and discard",
            cancelText: "Stay signed in") == true;

    private Task ToggleDarkModeAsync() => Preferences.SetDarkModeAsync(!Preferences.DarkMode);

    private void SearchAsync() => Navigation.NavigateTo(string.IsNullOrWhiteSpace(_query) ? "/" : $"/?q={Uri.EscapeDataString(_query.Trim())}");

    private void OnPreferencesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Preferences.Changed -= OnPreferencesChanged;
        GC.SuppressFinalize(this);
    }
}
