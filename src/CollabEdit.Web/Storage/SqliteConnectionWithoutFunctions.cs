using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace CollabEdit.Web.Storage;

/// <summary>
/// EF Core's SQLite connection without the user functions EF registers on every connection it creates (regexp and
/// the ef_* decimal arithmetic, comparison and aggregates). Microsoft.Data.Sqlite registers each of those with the
/// native connection on every open and removes it again on every close, and a pooled context opens and closes its
/// connection around every query: profiled, that was 17 of a conditional GET's 124 µs of server CPU (README "Benchmarks").
/// The model has no decimal column and no query uses Regex, so none of those functions is ever called; a query that
/// needs one fails loudly ("no such function: ef_…"), and the tests run every query on SQLite.
/// </summary>
#pragma warning disable EF1001 // EF's SQLite connection is internal API: this subclass changes only which connection object it creates.
internal sealed class SqliteConnectionWithoutFunctions(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private readonly int? _commandTimeout = RelationalOptionsExtension.Extract(dependencies.ContextOptions).CommandTimeout;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        // What EF's own connection does besides the functions (SpatiaLite aside, which the app does not load).
        if (_commandTimeout is { } seconds)
        {
            connection.DefaultTimeout = seconds;
        }

        return connection;
    }
}

#pragma warning restore EF1001
