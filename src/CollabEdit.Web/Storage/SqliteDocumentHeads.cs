using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CollabEdit.Web.Features.Documents;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CollabEdit.Web.Storage;

/// <summary>
/// A document's head read on SQLite without EF's query pipeline, by statements prepared once per native connection.
/// Profiled, the head lookup of a conditional GET cost about 14 µs in EF (a compiled query still builds its row
/// reader's delegate on every call) and 8 µs of SQLite, 5 of them parsing the same SELECT again for every command:
/// Microsoft.Data.Sqlite finalizes a command's statements whenever its connection closes, and a pooled context
/// closes its connection after every query. The native connection (<see cref="sqlite3"/>) outlives those closes in
/// Microsoft.Data.Sqlite's pool, so its statements are kept with it, in a table that holds them only as long as the
/// native connection object lives: when the pool closes one (pruned, or ClearAllPools), SQLite keeps it open until
/// its statements are finalized, which happens when the garbage collector reclaims both.
/// Nothing is cached but the statements: every call reads the row as it is in the file now, so a save by another
/// process or server is seen at once.
/// </summary>
internal static class SqliteDocumentHeads
{
    private const string Columns =
        "SELECT \"Id\", \"Slug\", \"Title\", \"CurrentVersion\", \"State\", \"CreatedAt\", \"UpdatedAt\", \"UpdatedBy\", \"Size\", " +
        "\"LockedAt\", \"LockedBy\", \"LockedByUserId\" FROM \"Documents\" ";

    // The same rows EF's FirstOrDefault(d => d.Id == id) and (d => d.Slug == slug) read: Ids are stored as EF stores a
    // Guid in SQLite (uppercase text), slugs as they are; both columns are unique.
    private const string ByIdSql = Columns + "WHERE \"Id\" = ?1 LIMIT 1";
    private const string BySlugSql = Columns + "WHERE \"Slug\" = ?1 LIMIT 1";

    private static readonly ConditionalWeakTable<sqlite3, Statements> Prepared = [];

    /// <summary>
    /// Reads the head with <paramref name="id"/> when <paramref name="db"/> is on SQLite (true, the head or null);
    /// false on another database, whose caller asks EF.
    /// </summary>
    public static bool TryRead(DbContext db, Guid id, out Document? head)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            head = null;
            return false;
        }

        // A Guid as EF writes it in SQLite: "D" format, uppercase, bound as text (not Microsoft.Data.Sqlite's blob).
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out _, "D");
        System.Text.Ascii.ToUpperInPlace(text, out _);
        head = Read(db, byId: true, text);
        return true;
    }

    /// <summary>As <see cref="TryRead(DbContext, Guid, out Document?)"/>, by a slug already in its stored (lowercase) form.</summary>
    public static bool TryRead(DbContext db, string slug, out Document? head)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            head = null;
            return false;
        }

        head = Read(db, byId: false, Encoding.UTF8.GetBytes(slug));
        return true;
    }

    private static Document? Read(DbContext db, bool byId, ReadOnlySpan<byte> key)
    {
        // Opened through EF, so that its interceptors (the connection PRAGMAs) and an ongoing transaction apply as to
        // any query of this context; EF closes it again only if it opened it here.
        db.Database.OpenConnection();
        try
        {
            var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            var statements = Prepared.GetValue(handle, static native => new Statements(native));
            // One SqliteConnection holds a native connection at a time, and this runs to completion (reset below)
            // before the context can do anything else: the statement is never shared by two readers.
            var statement = byId ? statements.ById : statements.BySlug;
            try
            {
                Check(raw.sqlite3_bind_text(statement, 1, key), handle);
                var step = raw.sqlite3_step(statement);
                if (step == raw.SQLITE_DONE)
                {
                    return null;
                }

                if (step != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(step, handle);
                }

                return new Document
                {
                    Id = Guid.Parse(Text(statement, 0)),
                    Slug = Text(statement, 1),
                    Title = Text(statement, 2),
                    CurrentVersion = raw.sqlite3_column_int(statement, 3),
                    State = (DocumentState)raw.sqlite3_column_int(statement, 4),
                    CreatedAt = Utc(statement, 5),
                    UpdatedAt = Utc(statement, 6),
                    UpdatedBy = Text(statement, 7),
                    Size = raw.sqlite3_column_int64(statement, 8),
                    LockedAt = IsNull(statement, 9) ? null : Utc(statement, 9),
                    LockedBy = IsNull(statement, 10) ? null : Text(statement, 10),
                    LockedByUserId = IsNull(statement, 11) ? null : Text(statement, 11),
                };
            }
            finally
            {
                // Ends the statement's read (a statement left stepping holds the read transaction open).
                raw.sqlite3_reset(statement);
                raw.sqlite3_clear_bindings(statement);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static bool IsNull(sqlite3_stmt statement, int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    private static string Text(sqlite3_stmt statement, int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

    /// <summary>A date as EF reads it back from SQLite's text (Microsoft.Data.Sqlite parses it invariantly), then marked UTC as the model's converter does.</summary>
    private static DateTime Utc(sqlite3_stmt statement, int column)
    {
        if (raw.sqlite3_column_type(statement, column) != raw.SQLITE_TEXT)
        {
            // EF writes dates as text; anything else is not a row this app wrote, and is refused rather than guessed.
            throw new InvalidOperationException($"Documents column {column} holds a date that is not text.");
        }

        var utf8 = raw.sqlite3_column_blob(statement, column);
        Span<char> chars = stackalloc char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return DateTime.SpecifyKind(DateTime.Parse(chars[..length], CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }

    /// <summary>The two lookups, prepared on one native connection.</summary>
    private sealed class Statements
    {
        public Statements(sqlite3 handle)
        {
            Check(raw.sqlite3_prepare_v2(handle, ByIdSql, out var byId), handle);
            Check(raw.sqlite3_prepare_v2(handle, BySlugSql, out var bySlug), handle);
            ById = byId;
            BySlug = bySlug;
        }

        public sqlite3_stmt ById { get; }

        public sqlite3_stmt BySlug { get; }
    }
}
