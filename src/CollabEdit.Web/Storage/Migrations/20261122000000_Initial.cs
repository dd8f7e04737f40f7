using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CollabEdit.Web.Storage.Migrations;

/// <summary>
/// Hand-written: Microsoft.EntityFrameworkCore.Design cannot be restored here. A test checks that the
/// schema this migration creates matches the EF model.
/// </summary>
[DbContext(typeof(CollabEditDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Documents",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Size = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Documents", x => x.Id));

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

        migrationBuilder.CreateTable(
            name: "Revisions",
            columns: table => new
            {
                DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
                Content = table.Column<string>(type: "TEXT", nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                BaseVersion = table.Column<int>(type: "INTEGER", nullable: true),
                Size = table.Column<long>(type: "INTEGER", nullable: false),
                ContentHash = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Revisions", x => new { x.DocumentId, x.Version });
                table.ForeignKey(
                    name: "FK_Revisions_Documents_DocumentId",
                    column: x => x.DocumentId,
                    principalTable: "Documents",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "IX_Documents_Slug", table: "Documents", column: "Slug", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Documents_UpdatedAt", table: "Documents", column: "UpdatedAt");

        // History is the product's promise: nothing ever rewrites or removes a saved revision.
        migrationBuilder.Sql("""
            CREATE TRIGGER Revisions_AppendOnly_NoUpdate BEFORE UPDATE ON Revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER Revisions_AppendOnly_NoDelete BEFORE DELETE ON Revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS Revisions_AppendOnly_NoDelete;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS Revisions_AppendOnly_NoUpdate;");
        migrationBuilder.DropTable(name: "Revisions");
        migrationBuilder.DropTable(name: "IdempotencyRecords");
        migrationBuilder.DropTable(name: "Documents");
    }
}
