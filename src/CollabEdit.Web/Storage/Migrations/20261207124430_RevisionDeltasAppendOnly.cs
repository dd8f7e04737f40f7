using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabEdit.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RevisionDeltasAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand (the model did not change): the second half of RevisionDeltas, after SQLite's rebuild of the
            // table there (which dropped the old triggers; IF EXISTS for a database where it did not).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Revisions_AppendOnly_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Revisions_AppendOnly_NoDelete;");

            // The rows written before deltas keep their text in "Content": each starts a chain of its own (it reads
            // like a snapshot) and costs its UTF-8 length on disk, until a repack re-encodes it.
            migrationBuilder.Sql("""UPDATE Revisions SET SnapshotVersion = Version, ChainLength = 0, StoredSize = length(CAST(Content AS BLOB)) WHERE Payload IS NULL;""");

            // Still append-only: no delete, and an update may only re-encode the stored form (a repack): never the
            // identity, the hash, the size, the title, the author or the time of a version, never a text rewritten,
            // and never a row left with neither a text nor a payload.
            migrationBuilder.Sql("""
                CREATE TRIGGER Revisions_AppendOnly_NoUpdate BEFORE UPDATE ON Revisions
                WHEN NEW.DocumentId IS NOT OLD.DocumentId OR NEW.Version IS NOT OLD.Version OR NEW.Title IS NOT OLD.Title
                  OR NEW.Author IS NOT OLD.Author OR NEW.CreatedAt IS NOT OLD.CreatedAt OR NEW.BaseVersion IS NOT OLD.BaseVersion
                  OR NEW.Size IS NOT OLD.Size OR NEW.ContentHash IS NOT OLD.ContentHash
                  OR (NEW.Content IS NOT NULL AND NEW.Content IS NOT OLD.Content)
                  OR (NEW.Content IS NULL AND NEW.Payload IS NULL)
                BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Revisions_AppendOnly_NoDelete BEFORE DELETE ON Revisions
                BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Versions written since hold no plain text: going back would lose them.
            throw new NotSupportedException("Revisions stored as deltas cannot be turned back into full rows by a migration.");
        }
    }
}
