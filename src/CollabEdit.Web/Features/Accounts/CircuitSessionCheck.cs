using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in of the request that opened it, for hours: it asks every
/// <see cref="SessionOptions.CircuitCheckInterval"/> whether that session still lives. When it does not (signed out,
/// or the password changed elsewhere), the page's user becomes nobody: the documents core refuses what it asks, and
/// the router sends the page to sign-in.
/// </summary>
public sealed class CircuitSessionCheck(ILoggerFactory loggers, SessionStore sessions, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.CircuitCheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await sessions.IsLiveAsync(authenticationState.User, cancellationToken);
}
