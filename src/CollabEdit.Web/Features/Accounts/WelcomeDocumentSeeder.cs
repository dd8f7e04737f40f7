using Microsoft.EntityFrameworkCore;
using CollabEdit.Web.Storage;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>On the very first run (an empty database) creates a welcome document, so a new user has something to open.</summary>
public sealed class WelcomeDocumentSeeder(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public const string Slug = "welcome";

    private const string Content = """
        # Welcome to CollabEdit

        Several people can edit this document at once. Every save names the version it started from,
        so no save ever silently overwrites another: when two edits meet, you merge them.

        Scripts use the same rules through the REST API: sign in with
        POST /api/auth/login for a bearer token, then read this document with
        GET /api/documents/welcome (the API reference is at /scalar).

        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("CollabEdit:SeedWelcomeDocument", defaultValue: true))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabEditDbContext>();
        if (await db.Documents.AnyAsync(cancellationToken))
        {
            return;
        }

        // Written by the server itself, owned by nobody yet: the first account becomes its owner (OwnerlessDocuments).
        await new DocumentStore(db, scope.ServiceProvider.GetRequiredService<TimeProvider>())
            .CreateAsync("Welcome to CollabEdit", Slug, Content, "CollabEdit", ownerUserId: null, cancellationToken);
        // On a server that has accounts but no document yet, it goes to the first account now (not at the next start).
        await scope.ServiceProvider.GetRequiredService<Accounts.OwnerlessDocuments>().GiveToFirstAccountAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
