using System.Security.Claims;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Components.Authorization;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>Who uses this Blazor circuit, as the documents core needs it: the same <see cref="Actors"/> rule as requests and the hub.</summary>
public sealed class CircuitUser(AuthenticationStateProvider authentication, DocumentGate gate, IHttpContextAccessor http)
{
    // The circuit is made during the request that opens it: its address is the client's, for the rate limits
    // of nobody signed in (open mode). Read once, here; HttpContext is not to be used later in a circuit.
    private readonly System.Net.IPAddress? _address = http.HttpContext?.Connection.RemoteIpAddress;
    private readonly Guid _circuitKey = Guid.NewGuid();

    public AccessMode Mode => gate.Mode;

    public async Task<ClaimsPrincipal> PrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The signed-in account; with nobody signed in (open mode), <paramref name="givenName"/> from the name prompt.</summary>
    /// <remarks>It carries this circuit's rate-limit key (<see cref="ClientKeyAsync"/>): the command pipeline takes its tokens there.</remarks>
    public async Task<DocumentActor> ActorAsync(string? givenName) =>
        Actors.From(await PrincipalAsync(), givenName, agent: "editor") with { RateKey = await ClientKeyAsync() };

    /// <summary>This client's key for <see cref="RateLimiting.ClientRateLimiter"/>: the account, or the address.</summary>
    public async Task<string> ClientKeyAsync()
    {
        var principal = await PrincipalAsync();
        // Never "ip:" for an unknown address: that would put every such circuit in one bucket, and one client could
        // spend everyone's tokens. Without an address, nobody signed in is limited per circuit.
        return _address is null && Actors.UserIdOf(principal) is null
            ? $"circuit:{_circuitKey}"
            : RateLimiting.ClientRateLimiter.ClientKey(principal, _address);
    }

    /// <summary>This circuit's key for the sign-in bucket: its address whoever is signed in (per circuit when unknown, as above).</summary>
    public string AddressKey() =>
        _address is null ? $"circuit:{_circuitKey}" : RateLimiting.ClientRateLimiter.AddressKey(_address);

    /// <summary>Whether names come from the name prompt (open mode, nobody signed in) rather than from an account.</summary>
    public async Task<bool> NamesAreGivenAsync() => Actors.UserIdOf(await PrincipalAsync()) is null;
}
