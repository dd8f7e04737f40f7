using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabEdit.Web.Storage;

public sealed class CollabEditDbContext(DbContextOptions<CollabEditDbContext> options) : DbContext(options)
{
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: store UTC and read it back as UTC, so JSON carries a 'Z'.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Document>(document =>
        {
            document.HasKey(d => d.Id);
            document.Property(d => d.Slug).HasMaxLength(DocumentRules.MaxSlugLength);
            document.HasIndex(d => d.Slug).IsUnique();
            document.Property(d => d.Title).HasMaxLength(DocumentRules.MaxTitleLength);
            document.Property(d => d.UpdatedBy).HasMaxLength(DocumentRules.MaxAuthorLength);
            document.HasIndex(d => d.UpdatedAt);
        });

        modelBuilder.Entity<Revision>(revision =>
        {
            // The composite key is the second guard behind the conditional UPDATE: two saves can never
            // both write version N+1 of one document.
            revision.HasKey(r => new { r.DocumentId, r.Version });
            revision.Property(r => r.Author).HasMaxLength(DocumentRules.MaxAuthorLength);
            revision.Property(r => r.Title).HasMaxLength(DocumentRules.MaxTitleLength);
            revision.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => r.Key);
            record.Property(r => r.Key).HasMaxLength(IdempotencyRules.MaxKeyLength);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}
