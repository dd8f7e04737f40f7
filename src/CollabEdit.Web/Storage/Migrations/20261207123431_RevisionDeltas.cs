using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabEdit.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RevisionDeltas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Content",
                table: "Revisions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<int>(
                name: "ChainLength",
                table: "Revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "Payload",
                table: "Revisions",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SnapshotVersion",
                table: "Revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "StoredSize",
                table: "Revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Making "Content" nullable rebuilds the table in SQLite, at the end of this migration, which drops the
            // append-only triggers (the copy and the drop fire none). The old rows' storage columns and the new
            // triggers: in the next migration, RevisionDeltasAppendOnly.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Versions written since hold no plain text: going back would lose them.
            throw new NotSupportedException("Revisions stored as deltas cannot be turned back into full rows by a migration.");
        }
    }
}
