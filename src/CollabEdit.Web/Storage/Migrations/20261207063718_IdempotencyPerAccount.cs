using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabEdit.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyPerAccount : Migration
    {
        // SQLite cannot change a primary key in place: EF Core would rebuild the table outside any transaction (and
        // warns so at every start). The records only make retried creates replay, and none written before this
        // migration can match again (their keys belonged to nobody, now they belong to an account), so the table is
        // made anew, inside the migration's transaction.

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "IdempotencyRecords");
            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                },
                constraints: table => table.PrimaryKey("PK_IdempotencyRecords", x => new { x.Owner, x.Key }));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "IdempotencyRecords");
            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                },
                constraints: table => table.PrimaryKey("PK_IdempotencyRecords", x => x.Key));
        }
    }
}
