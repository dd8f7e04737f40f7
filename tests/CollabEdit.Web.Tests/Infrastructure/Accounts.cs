using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>A signed-in script: its email, display name, bearer token, and a client that sends the token.</summary>
public sealed record Account(string Email, string DisplayName, string AccessToken, string RefreshToken, HttpClient Client);

/// <summary>Accounts made the way a script makes them: POST /api/auth/register, then /api/auth/login for a bearer token.</summary>
public static class Accounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<Account> SignUpAsync<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, string name, string? displayName = null)
        where TEntryPoint : class
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var anonymous = factory.CreateClient();
        using (var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password }))
        {
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }

        var (access, refresh) = await LoginAsync(anonymous, email);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        if (displayName is not null)
        {
            using var named = await client.PutAsJsonAsync("/api/auth/me", new { displayName });
            Assert.True(named.IsSuccessStatusCode, await named.Content.ReadAsStringAsync());
            // A token carries the name it was issued with: sign in again to carry the new one.
            (access, refresh) = await LoginAsync(anonymous, email);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        }

        return new Account(email, displayName ?? email.Split('@')[0], access, refresh, client);
    }

    public static async Task<(string Access, string Refresh)> LoginAsync(HttpClient client, string email, string password = Password)
    {
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var tokens = await login.Content.ReadFromJsonAsync<TokenResponse>();
        return (tokens!.AccessToken, tokens.RefreshToken);
    }

    /// <summary>Gives <paramref name="who"/> a role on a document, as its owner, through the access API.</summary>
    public static async Task GrantAsync(this Account owner, Guid documentId, Account who, string role)
    {
        using var response = await owner.Client.PutAsJsonAsync($"/api/documents/{documentId}/access/{Uri.EscapeDataString(who.Email)}", new { role });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends this bearer token with every request of the client (a script on another server, say).</summary>
    public static HttpClient WithToken(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
