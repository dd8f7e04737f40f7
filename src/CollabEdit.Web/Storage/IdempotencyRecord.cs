namespace CollabEdit.Web.Storage;

/// <summary>
/// What the server remembers of one Idempotency-Key: a hash of the request it was first used with and,
/// once done, the document it created. The replayed response is rebuilt from that document's first
/// revision, which never changes, rather than storing a second copy of the content.
/// A key belongs to whoever sent it (<see cref="Owner"/>, part of the primary key): the same key from two accounts
/// is two keys, so nobody can replay, or take, another person's.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent the key: <c>account:{id}</c>, or in open mode <c>name:{the name given}</c> (<c>IdempotencyRules.OwnerOf</c>).</summary>
    public required string Owner { get; set; }

    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public IdempotencyState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? DocumentId { get; set; }
}
