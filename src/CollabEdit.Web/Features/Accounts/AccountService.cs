using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// What the account pages do on the server: sign up with a display name, change the name or the password.
/// Signing in happens in the browser (POST /api/auth/login?useCookies=true), because only an HTTP response can
/// set the cookie. Errors come back keyed by field, in plain words.
/// </summary>
public sealed class AccountService(UserManager<CollabEditUser> users)
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

        if (errors.Count > 0)
        {
            return errors;
        }

        var user = new CollabEditUser { UserName = email!.Trim(), Email = email.Trim(), DisplayName = name! };
        var result = await users.CreateAsync(user, password!);
        return result.Succeeded ? errors : ByField(result);
    }

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

    public async Task<IReadOnlyDictionary<string, string[]>> ChangePasswordAsync(string userId, string? current, string? next)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        return result.Succeeded ? new Dictionary<string, string[]>() : ByField(result);
    }

    public async Task<(string Email, string DisplayName)?> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user ? (user.Email!, user.DisplayName) : null;

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
