using CollabEdit.Web.Features.Access;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Open editors and documents lists listen here for access changes. Dispose the result to stop listening.</summary>
public interface IAccessFeed
{
    /// <summary>Every change of anyone's role on the document (an editor keeps those of its own person).</summary>
    IDisposable SubscribeDocument(Guid documentId, Func<AccessChange, Task> listener);

    /// <summary>Every change of this person's roles, on any document (the documents list).</summary>
    IDisposable SubscribeUser(string userId, Func<AccessChange, Task> listener);
}
