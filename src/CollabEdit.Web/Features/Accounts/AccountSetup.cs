using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Features.Accounts;

public static class AccountSetup
{
    /// <summary>The policy of every page and of the hub: signed in, unless the server runs in open mode (decided by <see cref="DocumentGate.Admit"/>).</summary>
    public const string AdmittedPolicy = "admitted";

    /// <summary>The same, for pages: a browser that is not signed in is sent to the sign-in page rather than answered 401.</summary>
    public const string AdmittedPagePolicy = "admitted-page";

    /// <summary>Pages about the account itself: signed in, whatever the mode.</summary>
    public const string SignedInPagePolicy = "signed-in-page";

    public const string SignInPath = "/account/signin";

    /// <summary>
    /// ASP.NET Core Identity on the app's database: cookie sign-in for the browser and bearer tokens for scripts
    /// (both accepted everywhere), the access mode, and the policies above.
    /// </summary>
    public static IServiceCollection AddCollabEditAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateOnStart();
        services.AddSingleton<DocumentGate>();
        services.AddScoped<DocumentSharing>();
        services.AddSingleton<OwnerlessDocuments>();
        services.AddHostedService<WelcomeDocumentSeeder>();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SessionStore>();
        services.AddScoped<SessionSignIn>();
        // One instance: it keeps the documents hub's connections of each session, to close them when it ends.
        services.AddSingleton<HubSessionCheck>();

        services.AddIdentityApiEndpoints<CollabEditUser>(identity =>
            {
                // Length over composition (NIST SP 800-63B): a long passphrase is fine without symbols.
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.User.RequireUniqueEmail = true;
                // No lockout: locking an account after wrong passwords lets anyone shut its owner out by guessing
                // wrong on purpose. Guessing is held back per address instead (RateLimitOptions.SignIn), and
                // sign-in never counts failures (SessionSignIn).
                identity.Lockout.AllowedForNewUsers = false;
                identity.ClaimsIdentity.UserNameClaimType = System.Security.Claims.ClaimTypes.Name;
            })
            .AddEntityFrameworkStores<CollabEditDbContext>()
            .AddUserManager<CollabEditUserManager>()
            .AddUserValidator<DisplayNameValidator>()
            .AddClaimsPrincipalFactory<CollabEditClaimsFactory>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.Cookie.Name = "collabedit.auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.HttpOnly = true;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Programs get 401/403 problem details, never a redirect to a page.
            cookie.Events.OnRedirectToLogin = context => ForPrograms(context.Request) ? Status(context.Response, 401) : Redirect(context);
            cookie.Events.OnRedirectToAccessDenied = context => ForPrograms(context.Request) ? Status(context.Response, 403) : Redirect(context);
            // Instead of Identity's security-stamp check (every 30 minutes): the cookie's session must still exist,
            // so that signing out, or a password change elsewhere, ends this cookie within seconds.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (!await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().IsLiveAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
            // A cookie that slides forward keeps its session as long (else the session would be swept under it).
            cookie.Events.OnCheckSlidingExpiration = async context =>
            {
                if (context.ShouldRenew && SessionClaims.SessionIdOf(context.Principal) is { } sessionId)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<SessionStore>()
                        .ExtendAsync(sessionId, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
                }
            };
        });

        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer =>
        {
            bearer.BearerTokenExpiration = TimeSpan.FromHours(1);
            // Browsers' WebSockets cannot send headers: the hub takes the token from ?access_token= (SignalR's convention), nowhere else.
            bearer.Events = new BearerTokenEvents
            {
                OnMessageReceived = async context =>
                {
                    if (context.Request.Path.StartsWithSegments(Realtime.DocumentHub.Path)
                        && context.Request.Query[Credentials.AccessTokenQueryName] is { Count: 1 } token)
                    {
                        context.Token = token.ToString();
                    }

                    // A token is good only while its session lives (sign-out and password changes end sessions).
                    // The handler checks the token itself (protection, expiry) right after this.
                    var presented = context.Token ?? BearerTokenOf(context.Request);
                    if (presented is not null && context.Options.BearerTokenProtector.Unprotect(presented) is { } ticket
                        && !await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().IsLiveAsync(ticket.Principal, context.HttpContext.RequestAborted))
                    {
                        context.Fail("This session has ended: sign in again.");
                    }
                },
            };
        });

        services.AddSingleton<IAuthorizationHandler, AdmittedHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdmittedPolicy, policy => policy.AddRequirements(new AdmittedRequirement()))
            .AddPolicy(AdmittedPagePolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .AddRequirements(new AdmittedRequirement()))
            .AddPolicy(SignedInPagePolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        // Before Blazor's own (added only if none is): open pages check their session too.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitSessionCheck>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitUser>();
        services.AddScoped<AccountService>();
        return services;
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header: every string the bearer handler would take (it takes the rest of the header).</summary>
    private static string? BearerTokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..] : null;
    }

    private static bool ForPrograms(HttpRequest request) => Problems.ProgramPaths.IsForPrograms(request.Path);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        if (status == 401)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
