using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Announces saves off the save path: a background loop on the server that saved counts the lines changed against
/// the previous version and hands one <see cref="VersionBump"/> to the <see cref="IAnnouncementBus"/>, which brings it
/// to every server's <see cref="LocalAnnouncements"/> (this one alone, or all of them through Redis). Nothing here
/// waits for a client, and no failure can end the loop.
/// </summary>
public sealed partial class VersionAnnouncer(
    IAnnouncementBus bus,
    IDbContextFactory<CollabEditDbContext> contexts,
    TimeProvider clock,
    ILogger<VersionAnnouncer> logger) : BackgroundService, IVersionAnnouncer
{
    private readonly Channel<(Document Head, string Content, ChangeSet? Changes)> _saved =
        Channel.CreateUnbounded<(Document, string, ChangeSet?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<CollabEditDbContext> _contexts = contexts;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<VersionAnnouncer> _logger = logger;

    public void Announce(Document head, string content, ChangeSet? changes = null) => _saved.Writer.TryWrite((head, content, changes));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (head, content, changes) in _saved.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await AnnounceAsync(head, content, changes, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Whatever went wrong with one version (even a cancellation from below), the next ones are still announced.
                    LogAnnounceFailed(_logger, exception, head.Id, head.CurrentVersion);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task AnnounceAsync(Document head, string content, ChangeSet? changes, CancellationToken cancellationToken)
    {
        var previous = "";
        if (head.CurrentVersion > 1)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                previous = (await new DocumentStore(db, _clock).GetRevisionAsync(head.Id, head.CurrentVersion - 1, cancellationToken))?.Content ?? "";
            }
            catch (RevisionCorruptException)
            {
                // The previous version is damaged (logged by storage): the new one is still announced, without what changed.
                bus.Publish(new VersionBump(head.Id, head.CurrentVersion, DocumentETags.Of(head).ToString(), head.UpdatedBy, head.UpdatedAt, 0, 0));
                return;
            }
        }

        // What changed, as changes: the save's own when they lead from that text to this one (they always should),
        // else the two texts diffed here. Lines are counted on the lines the changes touch, not the whole text.
        changes = changes is null || changes.Length != previous.Length || changes.NewLength != content.Length
            ? ChangeSet.Between(previous, content, cancellationToken)
            : Tightened(changes, previous);
        var (added, removed) = LineChanges.Count(previous, changes, cancellationToken);
        var bump = new VersionBump(
            head.Id, head.CurrentVersion, DocumentETags.Of(head).ToString(),
            head.UpdatedBy, head.UpdatedAt, added, removed);

        bus.Publish(head.CurrentVersion > 1 ? WithChanges(bump, changes) : bump);
    }

    /// <summary>The bump with what changed from the previous version, when it is small.</summary>
    private static VersionBump WithChanges(VersionBump bump, ChangeSet changes)
    {
        // Cheap bound first: no JSON is written for a change that cannot fit (it holds every inserted character).
        if (changes.Changes.Sum(c => (long)c.Insert.Length) > VersionBump.MaxChangesBytes)
        {
            return bump;
        }

        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            ChangeSetJson.Write(writer, changes);
        }

        if (json.WrittenCount > VersionBump.MaxChangesBytes)
        {
            return bump;
        }

        using var parsed = JsonDocument.Parse(json.WrittenMemory);
        return bump with { Changes = parsed.RootElement.Clone(), BaseVersion = bump.Version - 1 };
    }

    /// <summary>
    /// Each replacement without what it leaves as it was (a paste over the whole text that kept its first lines changes
    /// only the rest): a follower's caret and selection move only where the text really changed. Costs the size of the
    /// replacements, never the text's.
    /// </summary>
    private static ChangeSet Tightened(ChangeSet changes, string before)
    {
        var tight = new List<TextChange>(changes.Changes.Length);
        foreach (var change in changes.Changes)
        {
            var removed = before.AsSpan(change.From, change.Removed);
            var inserted = change.Insert.AsSpan();
            var prefix = removed.CommonPrefixLength(inserted);
            if (prefix > 0 && char.IsHighSurrogate(inserted[prefix - 1]))
            {
                prefix--;
            }

            var most = Math.Min(removed.Length, inserted.Length) - prefix;
            var suffix = 0;
            while (suffix < most && removed[^(suffix + 1)] == inserted[^(suffix + 1)])
            {
                suffix++;
            }

            if (suffix > 0 && char.IsLowSurrogate(inserted[^suffix]))
            {
                suffix--;
            }

            tight.Add(new TextChange(change.From + prefix, change.To - suffix, change.Insert.Substring(prefix, inserted.Length - prefix - suffix)));
        }

        return ChangeSet.Of(changes.Length, tight);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Could not announce v{Version} of document {DocumentId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid documentId, int version);
}
