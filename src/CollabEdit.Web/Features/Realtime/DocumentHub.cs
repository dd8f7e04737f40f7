using System.Collections.Concurrent;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Who may follow which document: the one place to check once accounts exist. Today every document is public.</summary>
public sealed class DocumentAccess(StoreAccess stores)
{
    public async Task<bool> CanFollowAsync(System.Security.Claims.ClaimsPrincipal user, Guid documentId) =>
        await stores.Run(store => store.FindAsync(documentId.ToString(), CancellationToken.None)) is not null;
}

/// <summary>Sends every presence change to the document's hub group.</summary>
public sealed class PresenceBroadcaster(PresenceTracker presence, IHubContext<DocumentHub, IDocumentClient> hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        presence.OnEveryChange(change => hub.Clients.Group(DocumentHub.GroupOf(change.DocumentId)).PresenceChanged(change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// /hubs/documents: clients join the documents they have open and receive <see cref="IDocumentClient.VersionBumped"/>
/// and <see cref="IDocumentClient.PresenceChanged"/> for them.
/// </summary>
public sealed partial class DocumentHub(DocumentAccess access, PresenceTracker presence, ILogger<DocumentHub> logger) : Hub<IDocumentClient>
{
    public const string Path = "/hubs/documents";
    public const int MaxDocumentsPerConnection = 20;
    public const string NameQueryParameter = "name";
    private static readonly ConcurrentDictionary<string, HashSet<Guid>> Joined = new();

    public static string GroupOf(Guid documentId) => documentId.ToString("N");

    public async Task JoinDocument(Guid documentId)
    {
        var documents = Joined.GetOrAdd(Context.ConnectionId, _ => []);
        lock (documents)
        {
            if (!documents.Contains(documentId) && documents.Count >= MaxDocumentsPerConnection)
            {
                throw new HubException($"A connection may follow at most {MaxDocumentsPerConnection} documents.");
            }
        }

        if (!await access.CanFollowAsync(Context.User!, documentId))
        {
            throw new HubException("There is no such document.");
        }

        lock (documents)
        {
            documents.Add(documentId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(documentId));
        LogJoined(logger, Context.ConnectionId, documentId);
        await presence.JoinAsync(documentId, Context.ConnectionId, DisplayName());
    }

    public async Task LeaveDocument(Guid documentId)
    {
        if (Joined.TryGetValue(Context.ConnectionId, out var documents))
        {
            lock (documents)
            {
                documents.Remove(documentId);
            }
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(documentId));
        await presence.LeaveAsync(documentId, Context.ConnectionId);
    }

    public async Task Typing(Guid documentId)
    {
        if (Joined.TryGetValue(Context.ConnectionId, out var documents) && Contains(documents, documentId))
        {
            await presence.TypingAsync(documentId, Context.ConnectionId);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Joined.TryRemove(Context.ConnectionId, out var documents))
        {
            Guid[] left;
            lock (documents)
            {
                left = [.. documents];
            }

            foreach (var documentId in left)
            {
                await presence.LeaveAsync(documentId, Context.ConnectionId);
            }
        }

        await base.OnDisconnectedAsync(exception);
    }

    private static bool Contains(HashSet<Guid> documents, Guid documentId)
    {
        lock (documents)
        {
            return documents.Contains(documentId);
        }
    }

    /// <summary>The signed-in name once accounts exist; until then the name the client gives (?name=), else "anonymous".</summary>
    private string DisplayName()
    {
        if (Context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn })
        {
            return signedIn;
        }

        var given = Context.GetHttpContext()?.Request.Query[NameQueryParameter].ToString().Trim();
        return string.IsNullOrEmpty(given) ? DocumentRules.AnonymousAuthor : given[..Math.Min(given.Length, DocumentRules.MaxAuthorLength)];
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Connection {ConnectionId} follows document {DocumentId}")]
    private static partial void LogJoined(ILogger logger, string connectionId, Guid documentId);
}
