using System.Data.Common;
using System.Globalization;
using CollabEdit.Web.Features.Documents;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CollabEdit.Web.Storage;

/// <summary>
/// What differs between SQLite and PostgreSQL for the few statements written by hand (the saves:
/// <see cref="SqliteVersionWriter"/> and <see cref="PostgresVersionWriter"/>): how an id and a time are stored and
/// read back, and how a unique-key violation looks. Rows are read by column name, never by position.
/// </summary>
public abstract class StorageDialect
{
    /// <summary>A document head's columns, for the statements that return one.</summary>
    public const string HeadColumns =
        "\"Id\", \"Slug\", \"Title\", \"CurrentVersion\", \"State\", \"CreatedAt\", \"UpdatedAt\", \"UpdatedBy\", \"Size\", \"LockedAt\", \"LockedBy\", \"LockedByUserId\"";

    public abstract StorageProvider Provider { get; }

    /// <summary>A document id as the column stores it.</summary>
    public abstract object Id(Guid id);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    public abstract DateTime ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A duplicate key (a slug, a version) refused by the database.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>The head in the current row, by the names of <see cref="HeadColumns"/> (whatever else the row holds, in any order).</summary>
    public Document ReadHead(DbDataReader reader) => new()
    {
        Id = ReadId(reader, reader.GetOrdinal(nameof(Document.Id))),
        Slug = reader.GetString(reader.GetOrdinal(nameof(Document.Slug))),
        Title = reader.GetString(reader.GetOrdinal(nameof(Document.Title))),
        CurrentVersion = reader.GetInt32(reader.GetOrdinal(nameof(Document.CurrentVersion))),
        State = (DocumentState)reader.GetInt32(reader.GetOrdinal(nameof(Document.State))),
        CreatedAt = ReadTime(reader, reader.GetOrdinal(nameof(Document.CreatedAt))),
        UpdatedAt = ReadTime(reader, reader.GetOrdinal(nameof(Document.UpdatedAt))),
        UpdatedBy = reader.GetString(reader.GetOrdinal(nameof(Document.UpdatedBy))),
        Size = reader.GetInt64(reader.GetOrdinal(nameof(Document.Size))),
        LockedAt = reader.GetOrdinal(nameof(Document.LockedAt)) is var lockedAt && reader.IsDBNull(lockedAt) ? null : ReadTime(reader, lockedAt),
        LockedBy = reader.GetOrdinal(nameof(Document.LockedBy)) is var lockedBy && reader.IsDBNull(lockedBy) ? null : reader.GetString(lockedBy),
        LockedByUserId = reader.GetOrdinal(nameof(Document.LockedByUserId)) is var userId && reader.IsDBNull(userId) ? null : reader.GetString(userId),
    };

    public static StorageDialect For(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres.Instance : Sqlite.Instance;

    private sealed class Sqlite : StorageDialect
    {
        public static readonly Sqlite Instance = new();

        public override StorageProvider Provider => StorageProvider.Sqlite;

        /// <summary>EF stores a Guid as uppercase text in SQLite.</summary>
        public override object Id(Guid id) => id.ToString().ToUpperInvariant();

        public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

        public override DateTime ReadTime(DbDataReader reader, int ordinal) =>
            DateTime.SpecifyKind(DateTime.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc);

        public override bool IsUniqueViolation(Exception exception) =>
            (exception as SqliteException ?? exception.InnerException as SqliteException) is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
    }

    private sealed class Postgres : StorageDialect
    {
        public static readonly Postgres Instance = new();

        public override StorageProvider Provider => StorageProvider.Postgres;

        public override object Id(Guid id) => id;

        public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

        public override DateTime ReadTime(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

        public override bool IsUniqueViolation(Exception exception) =>
            (exception as PostgresException ?? exception.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation };
    }
}
