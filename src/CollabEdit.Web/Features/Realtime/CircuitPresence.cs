using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// The presence of the editors open in one Blazor circuit (one browser tab), tied to its connection: when the
/// tab's connection drops (closed, offline, asleep) its people leave presence at once, and come back if it
/// reconnects. Without this a closed tab stayed "here" for as long as the server kept its circuit (minutes)
/// whenever the browser did not say goodbye.
/// </summary>
public sealed class CircuitPresence(PresenceTracker presence) : CircuitHandler
{
    private readonly Dictionary<string, (Guid DocumentId, string Name)> _entries = [];
    private bool _connected = true;

    public void Join(Guid documentId, string entryId, string name)
    {
        lock (_entries)
        {
            _entries[entryId] = (documentId, name);
            if (!_connected)
            {
                return;
            }
        }

        presence.Join(documentId, entryId, name);
    }

    public void Leave(Guid documentId, string entryId)
    {
        lock (_entries)
        {
            _entries.Remove(entryId);
        }

        presence.Leave(documentId, entryId);
    }

    public void Typing(Guid documentId, string entryId) => presence.Typing(documentId, entryId);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        foreach (var (entryId, (documentId, _)) in Snapshot(connected: false))
        {
            presence.Leave(documentId, entryId);
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        foreach (var (entryId, (documentId, name)) in Snapshot(connected: true))
        {
            presence.Join(documentId, entryId, name);
        }

        return Task.CompletedTask;
    }

    private List<KeyValuePair<string, (Guid DocumentId, string Name)>> Snapshot(bool connected)
    {
        lock (_entries)
        {
            _connected = connected;
            return [.. _entries];
        }
    }
}
