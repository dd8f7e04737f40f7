namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// What an account's documents cost on disk, for its storage allowance (<see cref="StorageAllowance"/>). As cloud
/// drives count it: everything stored for a document is charged to its owner, whoever saved it. A document with
/// several owners is charged to one of them, the owner who has held the role longest (the creator, unless they gave
/// it up), so that a version is never counted twice and a co-owner's documents cannot fill my allowance.
/// </summary>
public interface IStorageUsage
{
    /// <summary>The account <paramref name="documentId"/> is charged to; null when nobody owns it (open mode's documents).</summary>
    Task<string?> ChargedToAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>The bytes on disk of every version of every document charged to <paramref name="ownerId"/>.</summary>
    Task<long> UsedByAsync(string ownerId, CancellationToken cancellationToken);
}
