using System.Security.Claims;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>Puts the account's display name into its sign-in (cookie and bearer token), so that no request has to look it up.</summary>
public sealed class CollabEditClaimsFactory(UserManager<CollabEditUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CollabEditUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CollabEditUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Actors.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
