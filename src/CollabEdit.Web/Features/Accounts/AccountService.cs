using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// What the account pages do on the server: sign up with a display name, change the name or the password.
/// Signing in happens in the browser (POST /api/auth/login?useCookies=true), because only an HTTP response can
/// set the cookie. Errors come back keyed by field, in plain words.
/// </summary>
public sealed class AccountService(UserManager<CollabEditUser> users, SessionStore sessions)
{
    /// <summary>Whether anyone has signed up yet: the first visitor of a fresh server is sent to sign up, not sign in.</summary>
    public Task<bool> AnyAccountAsync(CancellationToken cancellationToken) => users.Users.AnyAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string[]>> SignUpAsync(string? email, string? password, string? displayName)
    {
        var errors = new Dictionary<string, string[]>();
        var (name, nameError) = Authors.Validate(displayName);
        if (nameError is not null || name == DocumentRules.AnonymousAuthor)
        {
            errors["displayName"] = [nameError ?? "Give the name others will see on your saves."];
        }

        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["Give your email address."];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Choose a password."];
        }

        return errors.Count > 0 ? errors : await CreateAsync(email!, password!, name!);
    }

    /// <summary>POST /api/auth/register: an email and a password; the display name is made from the email (<see cref="DisplayNameValidator"/>).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> RegisterAsync(string? email, string? password) =>
        string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email.Trim())
            ? new Dictionary<string, string[]> { ["email"] = ["Give your email address."] }
            : await CreateAsync(email, password ?? "", displayName: "");

    public async Task<IReadOnlyDictionary<string, string[]>> ChangeDisplayNameAsync(string userId, string? displayName)
    {
        var (name, error) = Authors.Validate(displayName);
        if (error is not null || name == DocumentRules.AnonymousAuthor)
        {
            return new Dictionary<string, string[]> { ["displayName"] = [error ?? "Give a display name."] };
        }

        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        user.DisplayName = name!;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? new Dictionary<string, string[]>() : ByField(result);
    }

    /// <summary>
    /// Changes the password of the signed-in <paramref name="who"/> and ends every other session of the account
    /// (other browsers, other scripts' tokens): whoever knew the old password, or holds a stolen cookie or token,
    /// is out. The session that changed it goes on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ChangePasswordAsync(System.Security.Claims.ClaimsPrincipal who, string? current, string? next)
    {
        var userId = Access.Actors.UserIdOf(who) ?? throw new InvalidOperationException("Nobody is signed in.");
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (!result.Succeeded)
        {
            return ByField(result);
        }

        await sessions.EndOthersAsync(userId, SessionClaims.SessionIdOf(who), CancellationToken.None);
        return new Dictionary<string, string[]>();
    }

    public async Task<(string Email, string DisplayName)?> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user ? (user.Email!, user.DisplayName) : null;

    private async Task<IReadOnlyDictionary<string, string[]>> CreateAsync(string email, string password, string displayName)
    {
        var user = new CollabEditUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? new Dictionary<string, string[]>() : ByField(result);
    }

    /// <summary>Identity's errors under the field they are about, so that each shows under its own box.</summary>
    private static Dictionary<string, string[]> ByField(IdentityResult result) =>
        result.Errors
            // The user name is the email: "user name taken" says the same as "email taken".
            .Where(e => e.Code != "DuplicateUserName" || result.Errors.All(other => other.Code != "DuplicateEmail"))
            .GroupBy(e => e.Code switch
            {
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "email",
                "DisplayName" => "displayName",
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray());
}
