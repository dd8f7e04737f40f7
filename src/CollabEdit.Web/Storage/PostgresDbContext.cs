using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Storage;

/// <summary>The same model on PostgreSQL: a type of its own so that its generated migrations are told apart from SQLite's.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : CollabEditDbContext(options);
