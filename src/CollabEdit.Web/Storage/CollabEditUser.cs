using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Storage;

/// <summary>An account: ASP.NET Core Identity's user (email as user name) with the name others see on saves and in presence.</summary>
public sealed class CollabEditUser : IdentityUser
{
    /// <summary>Shown as the author of every save and in presence; checked by the same rule as every name (<see cref="Features.Documents.Authors"/>).</summary>
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
