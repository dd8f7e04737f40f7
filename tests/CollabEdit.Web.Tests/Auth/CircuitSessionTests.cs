using System.Security.Claims;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>An open page (a Blazor circuit) keeps the sign-in it was opened with: it must notice that its session ended.</summary>
public sealed class CircuitSessionTests(CircuitSessionTests.QuickCheck factory) : IClassFixture<CircuitSessionTests.QuickCheck>
{
    public sealed class QuickCheck : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Access:Mode"] = "Secure",
            ["CollabEdit:Sessions:CircuitCheckInterval"] = "00:00:00.200",
        };
    }

    [Fact]
    public async Task AnOpenPageOfASessionThatEndedActsForNobody()
    {
        var account = await factory.SignUpAsync("gil");
        var signedIn = factory.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>()
            .Get(IdentityConstants.BearerScheme).BearerTokenProtector.Unprotect(account.AccessToken)!.Principal;
        // A circuit's scope, given the sign-in of the request that opened it, as Blazor gives it.
        await using var circuit = factory.Services.CreateAsyncScope();
        var authentication = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(signedIn)));
        var changed = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        authentication.AuthenticationStateChanged += async state => changed.TrySetResult((await state).User);
        await Task.Delay(600);
        Assert.False(changed.Task.IsCompleted);

        using (var logout = await account.Client.PostAsync("/api/auth/logout", content: null))
        {
            logout.EnsureSuccessStatusCode();
        }

        var user = await changed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(user.Identity?.IsAuthenticated ?? false);
        Assert.False((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated ?? false);
    }
}
