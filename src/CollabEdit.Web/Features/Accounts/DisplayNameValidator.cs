using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// Display names follow the one rule for names (<see cref="Authors"/>), whether given at sign-up, changed later
/// or made from the email when an account is created through the API without one.
/// </summary>
public sealed class DisplayNameValidator : IUserValidator<CollabEditUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<CollabEditUser> manager, CollabEditUser user)
    {
        if (string.IsNullOrWhiteSpace(user.DisplayName))
        {
            user.DisplayName = DefaultFor(user.Email);
        }

        var (name, error) = Authors.Validate(user.DisplayName);
        if (error is not null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "DisplayName", Description = error }));
        }

        user.DisplayName = name!;
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>"ana.lopez@example.org" → "ana.lopez", or "user" when that part is not a valid name.</summary>
    public static string DefaultFor(string? email)
    {
        var local = email?.Split('@')[0] ?? "";
        var (name, error) = Authors.Validate(local);
        return error is null && name is { Length: > 0 } && name != DocumentRules.AnonymousAuthor ? name : "user";
    }
}
