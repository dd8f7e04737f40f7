using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Account;

/// <summary>
/// Signing in and out happens in the browser (collabedit.js): the cookie can only come with an HTTP response.
/// On success the browser leaves the page, which may end this circuit mid-call: that is not a failure.
/// </summary>
internal static class BrowserSignIn
{
    /// <returns>Null when signed in (the page is leaving), else the HTTP status of the refusal.</returns>
    public static async Task<int?> SignInAsync(IJSRuntime js, string email, string password, string returnPath)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            return await module.InvokeAsync<int?>("signIn", email, password, returnPath);
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }

    public static async Task SignOutAsync(IJSRuntime js)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            await module.InvokeVoidAsync("signOut");
        }
        catch (JSDisconnectedException)
        {
            // The browser went to the sign-in page: done.
        }
    }

    /// <returns>Null when saved (the page reloads with the new name), else why not.</returns>
    public static async Task<string?> SaveAccountNameAsync(IJSRuntime js, string? displayName)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            return await module.InvokeAsync<string?>("saveAccountName", displayName ?? "");
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }
}
