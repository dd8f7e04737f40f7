using System.Collections.Concurrent;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Who may follow which document: the one place to check once accounts exist. Today every document is public.</summary>
public sealed class DocumentAccess(DocumentService documents)
{
    public async Task<bool> CanFollowAsync(System.Security.Claims.ClaimsPrincipal user, Guid documentId) =>
        await documents.FindAsync(documentId.ToString(), CancellationToken.None) is not null;
}

/// <summary>Sends every presence change to the document's hub group, without waiting for the connections to take it.</summary>
public sealed class PresenceBroadcaster(PresenceTracker presence, IHubContext<DocumentHub, IDocumentClient> hub, ILogger<PresenceBroadcaster> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        presence.OnEveryChange(change => _ = SendAsync(change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SendAsync(Presence change)
    {
        try
        {
            await hub.Clients.Group(DocumentHub.GroupOf(change.DocumentId)).PresenceChanged(change);
        }
        catch (Exception exception)
        {
            RealtimeLog.HubSendFailed(logger, exception, change.DocumentId);
        }
    }
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

        var (name, nameError) = Authors.Validate(GivenName());
        if (nameError is not null)
        {
            throw new HubException($"The name given with ?{NameQueryParameter}= is refused: {nameError}");
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
        presence.Join(documentId, Context.ConnectionId, name!);
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
        presence.Leave(documentId, Context.ConnectionId);
    }

    public void Typing(Guid documentId)
    {
        if (Joined.TryGetValue(Context.ConnectionId, out var documents) && Contains(documents, documentId))
        {
            presence.Typing(documentId, Context.ConnectionId);
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
                presence.Leave(documentId, Context.ConnectionId);
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

    /// <summary>The signed-in name once accounts exist; until then the name the client gives (?name=), checked by the same rule as authors.</summary>
    private string? GivenName() =>
        Context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn }
            ? signedIn
            : Context.GetHttpContext()?.Request.Query[NameQueryParameter].ToString();

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Connection {ConnectionId} follows document {DocumentId}")]
    private static partial void LogJoined(ILogger logger, string connectionId, Guid documentId);
}
