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

    /// <summary>
    /// Signs out, removing the person's unsaved drafts from the browser first (<paramref name="draftOwner"/>, see
    /// <see cref="Features.Editing.DraftOwners"/>): the next person on this browser must find no trace of them. With
    /// drafts there, <paramref name="confirmDiscard"/> is asked first (with how many documents), and may keep the person signed in.
    /// </summary>
    public static async Task SignOutAsync(IJSRuntime js, string draftOwner, Func<int, Task<bool>> confirmDiscard)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            var drafts = await module.InvokeAsync<int>("countDrafts", draftOwner);
            if (drafts > 0 && !await confirmDiscard(drafts))
            {
                return;
            }

            await module.InvokeVoidAsync("signOut", draftOwner);
        }
        catch (JSDisconnectedException)
        {
            // The browser went to the sign-in page: done.
        }
    }

    /// <summary>
    /// Someone is signed in on this browser: drafts of other accounts, left by a sign-in that ended without signing
    /// out (it expired, or was ended from elsewhere), are removed; only one account is signed in here at a time.
    /// </summary>
    public static async Task ForgetOtherAccountsDraftsAsync(IJSRuntime js, string draftOwner)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            await module.InvokeVoidAsync("forgetOtherAccountsDrafts", draftOwner);
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException)
        {
            // The page went away, or its storage did not answer in time: it does this again on the next page.
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
