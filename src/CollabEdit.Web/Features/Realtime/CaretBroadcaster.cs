namespace CollabEdit.Web.Features.Realtime;

/// <summary>Sends every caret announcement to the document's hub followers, through their outboxes (never waiting for them).</summary>
public sealed class CaretBroadcaster(CaretTracker carets, HubFollowers followers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        carets.OnEveryChange(change => followers.Publish(change.DocumentId, nameof(IDocumentClient.CaretsChanged), change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
