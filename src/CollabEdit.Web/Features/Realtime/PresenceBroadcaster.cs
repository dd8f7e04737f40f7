
namespace CollabEdit.Web.Features.Realtime;

/// <summary>Sends every presence change to the document's hub followers, through their outboxes (never waiting for them).</summary>
public sealed class PresenceBroadcaster(PresenceTracker presence, HubFollowers followers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        presence.OnEveryChange(change => followers.Publish(change.DocumentId, nameof(IDocumentClient.PresenceChanged), change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
