using System.Security.Claims;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Components.Authorization;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>Who uses this Blazor circuit, as the documents core needs it: the same <see cref="Actors"/> rule as requests and the hub.</summary>
public sealed class CircuitUser(AuthenticationStateProvider authentication, DocumentGate gate)
{
    public AccessMode Mode => gate.Mode;

    public async Task<ClaimsPrincipal> PrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The signed-in account; with nobody signed in (open mode), <paramref name="givenName"/> from the name prompt.</summary>
    public async Task<DocumentActor> ActorAsync(string? givenName) => Actors.From(await PrincipalAsync(), givenName, agent: "editor");

    /// <summary>Whether names come from the name prompt (open mode, nobody signed in) rather than from an account.</summary>
    public async Task<bool> NamesAreGivenAsync() => Actors.UserIdOf(await PrincipalAsync()) is null;
}
