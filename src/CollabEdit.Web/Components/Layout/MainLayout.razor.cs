using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Layout;

/// <summary>The app bar (name, search, user, light/dark) around every page.</summary>
public partial class MainLayout : IDisposable
{
    private string? _query;

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
        }
    }

    [Inject]
    private Microsoft.JSInterop.IJSRuntime JS { get; set; } = default!;

    private static string SignedInName(System.Security.Claims.ClaimsPrincipal user) => Features.Access.Actors.DisplayNameOf(user);

    private Task SignOutAsync() => Account.BrowserSignIn.SignOutAsync(JS);

    private Task ToggleDarkModeAsync() => Preferences.SetDarkModeAsync(!Preferences.DarkMode);

    private void SearchAsync() => Navigation.NavigateTo(string.IsNullOrWhiteSpace(_query) ? "/" : $"/?q={Uri.EscapeDataString(_query.Trim())}");

    private void OnPreferencesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Preferences.Changed -= OnPreferencesChanged;
        GC.SuppressFinalize(this);
    }
}
