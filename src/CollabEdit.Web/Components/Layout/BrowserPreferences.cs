using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Layout;

/// <summary>
/// What this browser remembers about its user (the display name in a cookie, light or dark, the time zone), read
/// once per circuit and shared by the layout and the pages; a change tells everyone who listens.
/// </summary>
public sealed class BrowserPreferences(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private Task? _loading;

    public string? DisplayName { get; private set; }

    public bool DarkMode { get; private set; }

    /// <summary>The browser's time zone, for showing local times (UTC until known).</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsLoaded { get; private set; }

    public event Action? Changed;

    /// <summary>Reads the preferences from the browser once; callable from any component after its first render.</summary>
    public Task LoadAsync() => _loading ??= LoadOnceAsync();

    public async Task SetDisplayNameAsync(string name)
    {
        await (await ModuleAsync()).InvokeVoidAsync("setDisplayName", name);
        DisplayName = name;
        Changed?.Invoke();
    }

    public async Task SetDarkModeAsync(bool dark)
    {
        DarkMode = dark;
        Changed?.Invoke();
        await (await ModuleAsync()).InvokeVoidAsync("setTheme", dark ? "dark" : "light");
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit went with the page.
            }
        }
    }

    private async Task LoadOnceAsync()
    {
        var module = await ModuleAsync();
        var stored = await module.InvokeAsync<StoredPreferences?>("getPreferences") ?? new StoredPreferences(null, null, null);
        DisplayName = string.IsNullOrWhiteSpace(stored.DisplayName) ? null : stored.DisplayName;
        DarkMode = stored.Theme == "dark";
        TimeZone = stored.TimeZone is { Length: > 0 } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        IsLoaded = true;
        Changed?.Invoke();
    }

    private async Task<IJSObjectReference> ModuleAsync() => _module ??= await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");

    /// <summary>What collabedit.js getPreferences() answers.</summary>
    public sealed record StoredPreferences(string? DisplayName, string? Theme, string? TimeZone);
}
