using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Live.Bench;

/// <summary>
/// One hub connection following the document: the moment each version's announcement arrived, the newest version
/// it knows, and (shared by all clients: the truth is one) each version's text length, from the changes the
/// announcements and the saves' answers carry.
/// </summary>
public sealed class SimulatedClient : IAsyncDisposable
{
    private int _latest;

    private SimulatedClient(int index, HubConnection connection, int latest)
    {
        Index = index;
        Connection = connection;
        _latest = latest;
    }

    public int Index { get; }

    public HubConnection Connection { get; }

    /// <summary>Version → Stopwatch timestamp of its VersionBumped here.</summary>
    public ConcurrentDictionary<int, long> Receipts { get; } = new();

    public int Latest => Volatile.Read(ref _latest);

    public static async Task<SimulatedClient> ConnectAsync(Uri server, string name, int index, Guid documentId, int version, ConcurrentDictionary<int, int> lengths)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, $"/hubs/documents?name={name}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var client = new SimulatedClient(index, connection, version);
        connection.On<JsonElement>("VersionBumped", bump =>
        {
            var at = Stopwatch.GetTimestamp();
            var bumped = bump.GetProperty("version").GetInt32();
            client.Receipts.TryAdd(bumped, at);
            if (bump.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                lengths.TryAdd(bumped, ChangeSetLength.After(changes));
            }

            client.Saw(bumped);
        });
        await connection.StartAsync();
        await connection.InvokeAsync("JoinDocument", documentId);
        return client;
    }

    /// <summary>A version this client learnt of (announced, or its own save's answer).</summary>
    public void Saw(int version)
    {
        for (var latest = Latest; version > latest; latest = Latest)
        {
            if (Interlocked.CompareExchange(ref _latest, version, latest) == latest)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
