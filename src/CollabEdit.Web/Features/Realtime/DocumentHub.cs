using System.Collections.Concurrent;
using System.Text.Json;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// /hubs/documents: clients join the documents they have open and receive <see cref="IDocumentClient.VersionBumped"/>
/// and <see cref="IDocumentClient.PresenceChanged"/> for them.
/// </summary>
public sealed partial class DocumentHub(DocumentService documents, PresenceTracker presence, HubFollowers followers, CaretTracker carets, ILogger<DocumentHub> logger) : Hub<IDocumentClient>
{
    public const string Path = "/hubs/documents";
    public const int MaxDocumentsPerConnection = 20;
    public const string NameQueryParameter = "name";
    private static readonly ConcurrentDictionary<string, HashSet<Guid>> Joined = new();

    public override Task OnConnectedAsync()
    {
        var client = RateLimiting.ClientRateLimiter.ClientKey(Context.User, Context.GetHttpContext()?.Connection.RemoteIpAddress);
        if (!followers.Connected(Context.ConnectionId, client, Context.Abort))
        {
            // ConnectionCaps refuses these at negotiation with a 429; this is the guarantee under a race (a burst that
            // negotiated together). Closed rather than thrown: SignalR logs an exception here as an error, and this is expected.
            LogTooManyConnections(logger, client);
            Context.Abort();
            return Task.CompletedTask;
        }

        return base.OnConnectedAsync();
    }

    /// <summary>The connection no longer follows the document (its person's access to it was removed or lowered).</summary>
    internal static void Forget(string connectionId, Guid documentId)
    {
        if (Joined.TryGetValue(connectionId, out var documents))
        {
            lock (documents)
            {
                documents.Remove(documentId);
            }
        }
    }

    public async Task JoinDocument(Guid documentId)
    {
        var joined = Joined.GetOrAdd(Context.ConnectionId, _ => []);
        lock (joined)
        {
            if (!joined.Contains(documentId) && joined.Count >= MaxDocumentsPerConnection)
            {
                throw new HubException($"A connection may follow at most {MaxDocumentsPerConnection} documents.");
            }
        }

        var actor = Actor();
        var (name, nameError) = Authors.Validate(actor.Author);
        if (nameError is not null)
        {
            throw new HubException($"The name given with ?{NameQueryParameter}= is refused: {nameError}");
        }

        // The documents core decides, as for every read: a document the user may not see is "no such document".
        if ((await documents.FindAsync(documentId.ToString(), actor, Context.ConnectionAborted)).Refusal is { } refused)
        {
            throw new HubException(refused is Access.AccessOutcome.Unauthenticated ? "Sign in first." : "There is no such document.");
        }

        if (!followers.Follow(documentId, Context.ConnectionId))
        {
            throw new HubException("You follow this document from as many connections as you may; close one first.");
        }

        // A role removed between the check above and the follow found no follower to end: look once more, now that
        // a removal from here on would find this one.
        if ((await documents.FindAsync(documentId.ToString(), actor, Context.ConnectionAborted)).Refusal is not null)
        {
            followers.Unfollow(documentId, Context.ConnectionId);
            throw new HubException("There is no such document.");
        }

        if (!presence.TryJoin(documentId, Context.ConnectionId, name!))
        {
            followers.Unfollow(documentId, Context.ConnectionId);
            throw new HubException("This document has as many followers as it can take; try again later.");
        }

        lock (joined)
        {
            joined.Add(documentId);
        }

        LogJoined(logger, Context.ConnectionId, documentId);

        // The joiner gets who is here at once; the announcement of the join to the others may be coalesced.
        followers.SendTo(Context.ConnectionId, nameof(IDocumentClient.PresenceChanged), presence.Of(documentId));
        followers.SendTo(Context.ConnectionId, nameof(IDocumentClient.CaretsChanged), carets.Of(documentId));
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

        followers.Unfollow(documentId, Context.ConnectionId);
        presence.Leave(documentId, Context.ConnectionId);
    }

    /// <summary>Only for a document this connection follows: after a lost role (or before joining) it is refused.</summary>
    public void Typing(Guid documentId)
    {
        if (!Joined.TryGetValue(Context.ConnectionId, out var documents) || !Contains(documents, documentId))
        {
            throw new HubException("Join the document first.");
        }

        presence.Typing(documentId, Context.ConnectionId);
    }

    // --- Issue 19 (core): the save scripts and the load benchmark send, the editor's autosave over the hub. ---

    /// <summary>
    /// Saves <paramref name="changes"/> (CodeMirror's <c>ChangeSet.toJSON()</c> form) made on version
    /// <paramref name="baseVersion"/>, through the command pipeline as the editor's autosave (the same command: access,
    /// rate limit, allowance, conflicts reported, followers told); rebased onto the newest version when others saved
    /// meanwhile. <paramref name="title"/>: null keeps the title. Refusals are HubExceptions with plain words. The
    /// document need not be joined: the pipeline's access check is the gate, as for every save.
    /// </summary>
    public async Task<HubSaveResult> SaveChanges(Guid documentId, int baseVersion, JsonElement changes, string? title, CommandPipeline pipeline)
    {
        ChangeSet parsed;
        try
        {
            parsed = ChangeSetJson.Read(changes);
        }
        catch (FormatException exception)
        {
            throw new HubException($"The changes are not a change set: {exception.Message}");
        }

        var address = Context.GetHttpContext()?.Connection.RemoteIpAddress;
        var actor = Access.Actors.From(Context.User, Context.GetHttpContext()?.Request.Query[NameQueryParameter].ToString(), address?.ToString(), agent: "hub")
            with { RateKey = RateLimiting.ClientRateLimiter.ClientKey(Context.User, address) };
        var outcome = await pipeline.SendAsync(SaveDocumentCommand.RebasedOnBase(documentId, parsed, title, baseVersion, actor), Context.ConnectionAborted);
        return outcome is DocumentOutcome.Saved saved ? HubSaveResult.Of(saved) : throw new HubException(HubSaveRefusals.Say(outcome));
    }

    // --- end of issue 19 (core) ---

    // ---- Carets (issue 19)

    /// <summary>
    /// This connection's caret (and selection from <paramref name="anchor"/> to <paramref name="head"/>) in the text of
    /// <paramref name="version"/>; only for a document this connection follows. Moves faster than a few a second are
    /// coalesced (the latest is shown), never refused. Answers the id the caret carries in <see cref="IDocumentClient.CaretsChanged"/>,
    /// or null when the document shows as many carets as it may. The caret goes when the connection leaves the document.
    /// </summary>
    public string? MoveCaret(Guid documentId, int version, int anchor, int head)
    {
        if (!Joined.TryGetValue(Context.ConnectionId, out var joined) || !Contains(joined, documentId))
        {
            throw new HubException("Join the document first.");
        }

        var name = Authors.Validate(Actor().Author).Author ?? DocumentRules.AnonymousAuthor;
        return carets.Move(documentId, Context.ConnectionId, name, version, anchor, head) ? carets.IdOf(Context.ConnectionId) : null;
    }

    // ---- End of carets

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        followers.Disconnected(Context.ConnectionId);
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

    /// <summary>The signed-in account and its display name; in open mode, nobody and the name the client gives (?name=).</summary>
    private DocumentActor Actor() =>
        Access.Actors.From(Context.User, Context.GetHttpContext()?.Request.Query[NameQueryParameter].ToString(), agent: "hub");

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Connection {ConnectionId} follows document {DocumentId}")]
    private static partial void LogJoined(ILogger logger, string connectionId, Guid documentId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A documents-hub connection of {Client} was refused: it holds as many as it may")]
    private static partial void LogTooManyConnections(ILogger logger, string client);
}
