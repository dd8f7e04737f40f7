using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The app's one database: documents and their history, accounts (ASP.NET Core Identity) and their sign-in
/// sessions, roles and idempotency keys. This type is the SQLite database (its migrations name it);
/// <see cref="PostgresDbContext"/> is the same model on PostgreSQL, with migrations of its own.
/// </summary>
public class CollabEditDbContext : IdentityDbContext<CollabEditUser>
{
    public CollabEditDbContext(DbContextOptions<CollabEditDbContext> options)
        : base(options)
    {
    }

    protected CollabEditDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DocumentMember> DocumentMembers => Set<DocumentMember>();
    public DbSet<DocumentEvent> DocumentEvents => Set<DocumentEvent>();
    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: store UTC and read it back as UTC, so JSON carries a 'Z'.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<CollabEditUser>().Property(u => u.DisplayName).HasMaxLength(DocumentRules.MaxAuthorLength);

        builder.Entity<DocumentMember>(member =>
        {
            member.HasKey(m => new { m.DocumentId, m.UserId });
            // The documents list of a user, and the role look-up of every request, go by user.
            member.HasIndex(m => new { m.UserId, m.DocumentId });
            member.HasOne<Document>().WithMany().HasForeignKey(m => m.DocumentId).OnDelete(DeleteBehavior.Restrict);
            member.HasOne<CollabEditUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DocumentEvent>(recorded =>
        {
            recorded.HasKey(e => e.Id);
            recorded.HasIndex(e => new { e.DocumentId, e.Id });
            recorded.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
            recorded.Property(e => e.Actor).HasMaxLength(DocumentRules.MaxAuthorLength);
            recorded.Property(e => e.Subject).HasMaxLength(DocumentSharing.MaxEmailLength);
            recorded.HasOne<Document>().WithMany().HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Document>(document =>
        {
            document.HasKey(d => d.Id);
            document.Property(d => d.Slug).HasMaxLength(DocumentRules.MaxSlugLength);
            document.HasIndex(d => d.Slug).IsUnique();
            document.Property(d => d.Title).HasMaxLength(DocumentRules.MaxTitleLength);
            document.Property(d => d.UpdatedBy).HasMaxLength(DocumentRules.MaxAuthorLength);
            document.Property(d => d.LockedBy).HasMaxLength(DocumentRules.MaxAuthorLength);
            document.HasIndex(d => d.UpdatedAt);
        });

        builder.Entity<Revision>(revision =>
        {
            // The composite key is the second guard behind the conditional UPDATE: two saves can never
            // both write version N+1 of one document.
            revision.HasKey(r => new { r.DocumentId, r.Version });
            revision.Property(r => r.Author).HasMaxLength(DocumentRules.MaxAuthorLength);
            revision.Property(r => r.Title).HasMaxLength(DocumentRules.MaxTitleLength);
            // Rows written before deltas keep their text in the column they always had; newer rows leave it NULL
            // and store Payload (RevisionCodec), read back by RevisionTexts.
            revision.Property(r => r.LegacyContent).HasColumnName("Content");
            // The storage allowance sums what an owner's versions cost on disk on every write: from this index alone,
            // without reading any row (a 1 MB row's size sits behind its overflow pages: 160–370 ms per sum, measured).
            revision.HasIndex(r => new { r.DocumentId, r.StoredSize });
            revision.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AccountSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(32);
            session.Property(s => s.RefreshId).HasMaxLength(32);
            // Ending an account's other sessions and sweeping its expired ones go by account.
            session.HasIndex(s => s.UserId);
            session.HasOne<CollabEditUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => new { r.Owner, r.Key });
            record.Property(r => r.Owner).HasMaxLength(IdempotencyRules.MaxOwnerLength);
            record.Property(r => r.Key).HasMaxLength(IdempotencyRules.MaxKeyLength);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toStore => toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
}
