using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// Behind a load balancer, per-address limits must see the client's address: taken from X-Forwarded-For only when
/// the request comes from a configured proxy, otherwise a client could pick a fresh address for every guess.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task BehindAConfiguredProxyEachForwardedClientHasItsOwnSignInBucket()
    {
        using var app = new OneSignInEach(trustLoopbackProxy: true);

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(app, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(app, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(app, "10.0.0.2"));
    }

    [Fact]
    public async Task WithoutAConfiguredProxyTheHeaderIsIgnored()
    {
        using var app = new OneSignInEach(trustLoopbackProxy: false);

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(app, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(app, "10.0.0.2"));
    }

    private static async Task<HttpStatusCode> SignInFromAsync(OneSignInEach app, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.org", password = "not the password" }) };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await app.CreateRealClient().SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>One sign-in attempt per address; requests come from 127.0.0.1 over real sockets, as from a local nginx.</summary>
    private sealed class OneSignInEach(bool trustLoopbackProxy) : KestrelAppFactory
    {
        protected override IDictionary<string, string> Settings
        {
            get
            {
                var settings = new Dictionary<string, string>(base.Settings)
                {
                    ["CollabEdit:Access:Mode"] = "Secure",
                    ["CollabEdit:RateLimiting:SignIn:TokenLimit"] = "1",
                    ["CollabEdit:RateLimiting:SignIn:TokensPerPeriod"] = "1",
                    ["CollabEdit:RateLimiting:SignIn:ReplenishmentPeriod"] = "00:10:00",
                };
                if (trustLoopbackProxy)
                {
                    settings["CollabEdit:Proxy:KnownProxies:0"] = "127.0.0.1";
                }

                return settings;
            }
        }
    }
}
