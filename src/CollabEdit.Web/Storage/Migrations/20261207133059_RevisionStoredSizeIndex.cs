using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabEdit.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RevisionStoredSizeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Revisions_DocumentId_StoredSize",
                table: "Revisions",
                columns: new[] { "DocumentId", "StoredSize" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Revisions_DocumentId_StoredSize",
                table: "Revisions");
        }
    }
}
