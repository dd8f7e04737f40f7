using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabEdit.Web.Storage;

/// <summary>
/// For <c>dotnet ef migrations add &lt;Name&gt; --context PostgresDbContext --output-dir Storage/Migrations/Postgres</c>:
/// generating migrations needs the provider, not a server.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=127.0.0.1;Database=collabedit_design").Options);
}
