using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabEdit.Web.Storage;

/// <summary>
/// For <c>dotnet ef migrations add &lt;Name&gt; --context CollabEditDbContext --output-dir Storage/Migrations</c>.
/// Needed since <see cref="PostgresDesignTimeFactory"/> exists: the factory interface is covariant, so without a
/// factory of its own the SQLite context was made by the PostgreSQL one, and its migrations came out in
/// PostgreSQL's types.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<CollabEditDbContext>
{
    public CollabEditDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CollabEditDbContext>().UseSqlite("Data Source=collabedit-design.db").Options);
}
