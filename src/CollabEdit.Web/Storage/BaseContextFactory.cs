using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Storage;

/// <summary>Hands out a provider's own context type where the app asks for the model's base type.</summary>
internal sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> factory) : IDbContextFactory<CollabEditDbContext>
    where TContext : CollabEditDbContext
{
    public CollabEditDbContext CreateDbContext() => factory.CreateDbContext();
}
