using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// How much each account may store, bound from <c>CollabEdit:StorageAllowance</c> and validated at start-up. Without
/// it one account could fill the server's disk (5 MB saves, a few a second, forever). Open mode has no accounts, so
/// no allowance.
/// </summary>
public sealed class StorageAllowance
{
    public const string SectionName = "CollabEdit:StorageAllowance";

    /// <summary>Bytes on disk per account, counted over every version of the documents it owns (1 GB = 1024³ bytes by default).</summary>
    [Range(1, long.MaxValue)]
    public long BytesPerAccount { get; set; } = 1024L * 1024 * 1024;
}
