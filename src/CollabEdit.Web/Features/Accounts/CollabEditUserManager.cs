using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// Identity's user manager, plus what every new account needs wherever it is created (the sign-up page or
/// POST /api/auth/register): its creation time, and for the server's first account, the documents nobody owns.
/// </summary>
public sealed class CollabEditUserManager(
    IUserStore<CollabEditUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<CollabEditUser> passwordHasher,
    IEnumerable<IUserValidator<CollabEditUser>> userValidators,
    IEnumerable<IPasswordValidator<CollabEditUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CollabEditUser>> logger,
    TimeProvider clock,
    OwnerlessDocuments ownerless)
    : UserManager<CollabEditUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(CollabEditUser user)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = Documents.DocumentRules.StoredNow(clock);
        }

        var result = await base.CreateAsync(user);
        if (result.Succeeded)
        {
            await ownerless.GiveToFirstAccountAsync(CancellationToken);
        }

        return result;
    }
}
