using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Open editors listen here for new versions of their document. Dispose the result to stop listening.</summary>
public interface IVersionFeed
{
    IDisposable Subscribe(Guid documentId, Func<VersionBump, Task> listener);

    /// <summary>Locks and unlocks of the document, as they commit: an open editor turns read-only (or back) at once.</summary>
    IDisposable SubscribeLocks(Guid documentId, Func<LockChange, Task> listener);
}
