using System.Threading.Channels;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Where saved versions are announced. The default is in-process: one server. Several servers need a
/// backplane behind this interface (see the README).
/// </summary>
public interface IDocumentEvents
{
    /// <summary>Called once per saved version, after its transaction committed. Never blocks the save.</summary>
    void Saved(Document head, string content);

    /// <summary>In-process listeners (the Blazor editor). Dispose the result to stop listening.</summary>
    IDisposable Subscribe(Guid documentId, Func<VersionBump, Task> listener);
}

/// <summary>
/// Announces saves off the save path: a background loop counts the lines changed against the previous
/// version, then sends one <see cref="VersionBump"/> to the document's hub group and to in-process listeners.
/// </summary>
public sealed partial class InProcessDocumentEvents(IHubContext<DocumentHub, IDocumentClient> hub, StoreAccess stores, ILogger<InProcessDocumentEvents> logger)
    : BackgroundService, IDocumentEvents
{
    private readonly Channel<(Document Head, string Content)> _saved = Channel.CreateUnbounded<(Document, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DocumentListeners<VersionBump> _listeners = new();

    public void Saved(Document head, string content) => _saved.Writer.TryWrite((head, content));

    public IDisposable Subscribe(Guid documentId, Func<VersionBump, Task> listener) => _listeners.Subscribe(documentId, listener);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (head, content) in _saved.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await AnnounceAsync(head, content, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogAnnounceFailed(logger, exception, head.Id, head.CurrentVersion);
            }
        }
    }

    private async Task AnnounceAsync(Document head, string content, CancellationToken cancellationToken)
    {
        var previous = head.CurrentVersion > 1
            ? (await stores.Run(store => store.GetRevisionAsync(head.Id, head.CurrentVersion - 1, cancellationToken)))?.Content ?? ""
            : "";
        var (added, removed) = LineChanges.Count(previous, content, cancellationToken);
        var bump = new VersionBump(
            head.Id, head.CurrentVersion, DocumentETags.ForDocument(head.Id, head.CurrentVersion, head.State).ToString(),
            head.UpdatedBy, head.UpdatedAt, added, removed);

        await hub.Clients.Group(DocumentHub.GroupOf(head.Id)).VersionBumped(bump);
        await _listeners.NotifyAsync(head.Id, bump);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Could not announce v{Version} of document {DocumentId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid documentId, int version);
}
