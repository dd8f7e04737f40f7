using System.Data.Common;
using System.Globalization;
using CollabEdit.Web.Features.Documents;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CollabEdit.Web.Storage;

/// <summary>
/// What differs between SQLite and PostgreSQL for the few statements written by hand (the saves: DocumentWriter on
/// SQLite, PostgresSaves on PostgreSQL): how an id and a time are stored and read back, and how a unique-key
/// violation looks.
/// </summary>
public abstract class StorageDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>A document id as the column stores it.</summary>
    public abstract object Id(Guid id);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    public abstract DateTime ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A duplicate key (a slug, a version) refused by the database.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    public Document ReadHead(DbDataReader reader) => new()
    {
        Id = ReadId(reader, 0),
        Slug = reader.GetString(1),
        Title = reader.GetString(2),
        CurrentVersion = reader.GetInt32(3),
        State = (DocumentState)reader.GetInt32(4),
        CreatedAt = ReadTime(reader, 5),
        UpdatedAt = ReadTime(reader, 6),
        UpdatedBy = reader.GetString(7),
        Size = reader.GetInt64(8),
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
