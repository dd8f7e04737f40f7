using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabEdit.Web.Storage;

/// <summary>
/// <c>synchronous</c>, <c>busy_timeout</c> and <c>foreign_keys</c> are per connection, not per file,
/// so they are set every time EF opens one (pooled connections included).
/// </summary>
internal sealed class SqlitePragmaInterceptor(StorageOptions options) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA synchronous={(int)options.Synchronous}; PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
