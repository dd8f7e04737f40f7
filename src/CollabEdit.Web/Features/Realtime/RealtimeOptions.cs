using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Bound from <c>CollabEdit:Realtime</c> and validated at start-up.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "CollabEdit:Realtime";

    /// <summary>How long one open editor may take to take in a new version or presence before it is skipped for that one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ListenerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long someone counts as typing after their last keystroke.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan TypingWindow { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Presence of one document is sent at most once per this interval (the newest state; a single change after a
    /// quiet spell goes at once). 300 joins used to send the whole list 300 times to everyone.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many connections (hub connections and open editors) may follow one document.</summary>
    [Range(1, 100_000)]
    public int MaxViewersPerDocument { get; set; } = 500;

    /// <summary>How many documents-hub connections one account (for nobody signed in: one address) may hold on a server.</summary>
    [Range(1, 100_000)]
    public int MaxHubConnectionsPerAccount { get; set; } = 20;

    /// <summary>How many of one account's hub connections may follow the same document.</summary>
    [Range(1, 100_000)]
    public int MaxFollowersPerAccountPerDocument { get; set; } = 5;

    /// <summary>How many Blazor circuits (open browser tabs) one account (for nobody signed in: one address) may hold on a server.</summary>
    [Range(1, 100_000)]
    public int MaxCircuitsPerAccount { get; set; } = 20;

    /// <summary>
    /// For nobody signed in (open mode, the sign-in pages): how many hub connections, circuits, and followers of one
    /// document one address may hold on a server. Far above an account's caps on purpose: an office, a school or a
    /// phone network puts many people behind one address, and a cap of a few dozen would shut all but the first out.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 500;

    /// <summary>The cap on hub connections for <paramref name="client"/> (an account's or an address's).</summary>
    public int HubConnectionsCap(string client) =>
        RateLimiting.ClientRateLimiter.IsAddressKey(client) ? MaxConnectionsPerAddress : MaxHubConnectionsPerAccount;

    /// <summary>The cap on circuits for <paramref name="client"/>.</summary>
    public int CircuitsCap(string client) =>
        RateLimiting.ClientRateLimiter.IsAddressKey(client) ? MaxConnectionsPerAddress : MaxCircuitsPerAccount;

    /// <summary>The cap on followers of one document for <paramref name="client"/>.</summary>
    public int FollowersPerDocumentCap(string client) =>
        RateLimiting.ClientRateLimiter.IsAddressKey(client) ? MaxConnectionsPerAddress : MaxFollowersPerAccountPerDocument;

    /// <summary>How many names a presence message lists; the rest are counted in <c>others</c>.</summary>
    [Range(1, 10_000)]
    public int MaxViewersListed { get; set; } = 50;
}
