using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabEdit.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RevisionDeltas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Added by hand to the generated migration: the append-only trigger is replaced (see below), first, so that
            // the storage columns of the old rows can be filled in.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Revisions_AppendOnly" ON "Revisions";""");

            migrationBuilder.AlterColumn<string>(
                name: "Content",
                table: "Revisions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<int>(
                name: "ChainLength",
                table: "Revisions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "Payload",
                table: "Revisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SnapshotVersion",
                table: "Revisions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "StoredSize",
                table: "Revisions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The rows written before deltas keep their text in "Content": each starts a chain of its own (it reads
            // like a snapshot) and costs its UTF-8 length on disk, until a repack re-encodes it.
            migrationBuilder.Sql("""UPDATE "Revisions" SET "SnapshotVersion" = "Version", "ChainLength" = 0, "StoredSize" = octet_length("Content") WHERE "Payload" IS NULL;""");

            // Still append-only: no delete, and an update may only re-encode the stored form (a repack): never the
            // identity, the hash, the size, the title, the author or the time of a version, never a text rewritten,
            // and never a row left with neither a text nor a payload.
            migrationBuilder.Sql("""
                CREATE FUNCTION collabedit_revision_reencode_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."DocumentId" IS DISTINCT FROM OLD."DocumentId" OR NEW."Version" IS DISTINCT FROM OLD."Version"
                       OR NEW."Title" IS DISTINCT FROM OLD."Title" OR NEW."Author" IS DISTINCT FROM OLD."Author"
                       OR NEW."CreatedAt" IS DISTINCT FROM OLD."CreatedAt" OR NEW."BaseVersion" IS DISTINCT FROM OLD."BaseVersion"
                       OR NEW."Size" IS DISTINCT FROM OLD."Size" OR NEW."ContentHash" IS DISTINCT FROM OLD."ContentHash"
                       OR (NEW."Content" IS NOT NULL AND NEW."Content" IS DISTINCT FROM OLD."Content")
                       OR (NEW."Content" IS NULL AND NEW."Payload" IS NULL) THEN
                        RAISE EXCEPTION 'revisions are append-only';
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Revisions_AppendOnly" BEFORE DELETE ON "Revisions"
                FOR EACH ROW EXECUTE FUNCTION collabedit_append_only('revisions');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Revisions_ReencodeOnly" BEFORE UPDATE ON "Revisions"
                FOR EACH ROW EXECUTE FUNCTION collabedit_revision_reencode_only();
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
