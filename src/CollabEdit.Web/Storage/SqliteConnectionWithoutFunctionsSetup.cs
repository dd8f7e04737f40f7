using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;

namespace CollabEdit.Web.Storage;

/// <summary>Puts <see cref="SqliteConnectionWithoutFunctions"/> in place of EF's own SQLite connection.</summary>
internal static class SqliteConnectionWithoutFunctionsSetup
{
#pragma warning disable EF1001 // The service EF resolves its SQLite connection through is internal API.
    public static DbContextOptionsBuilder UseSqliteConnectionWithoutFunctions(this DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, SqliteConnectionWithoutFunctions>();
#pragma warning restore EF1001
}
