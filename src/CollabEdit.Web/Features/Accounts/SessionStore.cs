using System.Collections.Concurrent;
using System.Security.Claims;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// The accounts' sessions (<see cref="AccountSession"/>): started at sign-in, rotated at each refresh, ended at
/// sign-out, by a password change (every other session of the account) or by a reused refresh token. Whether a
/// session is still live is asked on every request (cookie and bearer paths), at hub connection and on every hub
/// call, so answers are kept for <see cref="SessionOptions.CheckInterval"/>; a session ended on this server is
/// refused here at once, whatever was kept.
/// </summary>
public sealed class SessionStore(IDbContextFactory<CollabEditDbContext> databases, TimeProvider clock, IOptions<SessionOptions> options)
{
    // Bounded: past this many sessions looked at, everything is forgotten and asked again (never wrong, only slower).
    private const int MaxRemembered = 100_000;

    // Live answers expire; an ended session never comes back, so "ended" is kept until the next clear.
    private readonly ConcurrentDictionary<string, Remembered> _remembered = new(StringComparer.Ordinal);

    /// <summary>Raised with a session's id when this server ends it, so that its live connections can be closed.</summary>
    public event Action<string>? Ended;

    /// <summary>Starts a session for a sign-in; <paramref name="withRefresh"/> for a bearer token pair.</summary>
    /// <returns>The session's id and its first refresh id (null without).</returns>
    public async Task<(string SessionId, string? RefreshId)> StartAsync(string userId, bool withRefresh, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = DocumentRules.StoredNow(clock);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Sessions of this account that nobody ended and nobody renewed: their cookies and tokens have expired.
        await db.AccountSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var session = new AccountSession
        {
            Id = SessionClaims.NewId(),
            UserId = userId,
            RefreshId = withRefresh ? SessionClaims.NewId() : null,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.AccountSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return (session.Id, session.RefreshId);
    }

    /// <summary>
    /// Swaps the session's refresh token <paramref name="refreshId"/> for a new one, if it is still the current
    /// one: one guarded UPDATE, so that of two requests with the same token only one wins. A token that is not the
    /// current one has been used before (a copy, or a replay): the whole session ends, as OAuth's refresh-token
    /// reuse detection does, because the server cannot tell the thief from the owner.
    /// </summary>
    /// <returns>The new refresh id, or null when refused (the session is then over).</returns>
    public async Task<string?> RotateAsync(string sessionId, string refreshId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var next = SessionClaims.NewId();
        var expiresAt = DocumentRules.StoredNow(clock) + lifetime;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var rotated = await db.AccountSessions
                .Where(s => s.Id == sessionId && s.RefreshId == refreshId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.RefreshId, next).SetProperty(s => s.ExpiresAt, expiresAt), cancellationToken);
            if (rotated == 1)
            {
                return next;
            }
        }

        await EndAsync(sessionId, cancellationToken);
        return null;
    }

    /// <summary>A cookie that slides forward keeps its session as long.</summary>
    public async Task ExtendAsync(string sessionId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresAt = DocumentRules.StoredNow(clock) + lifetime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.AccountSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.ExpiresAt, expiresAt), cancellationToken);
    }

    /// <summary>Ends one session: its cookie, access tokens and refresh token stop working.</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await db.AccountSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        }

        Forget(sessionId);
    }

    /// <summary>Ends every session of the account except <paramref name="keep"/> (the one that changed the password).</summary>
    public async Task EndOthersAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        List<string> others;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            others = await db.AccountSessions.Where(s => s.UserId == userId && s.Id != keep).Select(s => s.Id).ToListAsync(cancellationToken);
            // Only those seen: a sign-in made after the password changed (with the new password) keeps its session.
            await db.AccountSessions.Where(s => others.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var id in others)
        {
            Forget(id);
        }
    }

    /// <summary>
    /// Whether this sign-in may still act. Nobody signed in (open mode) is not a session and passes; an account's
    /// cookie or token must name a session that still exists. One made before sessions existed names none and is
    /// refused: its owner signs in once more.
    /// </summary>
    public async ValueTask<bool> IsLiveAsync(ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        if (Actors.UserIdOf(user) is not { } userId)
        {
            return true;
        }

        if (SessionClaims.SessionIdOf(user) is not { } sessionId)
        {
            return false;
        }

        var now = clock.GetTimestamp();
        if (_remembered.TryGetValue(sessionId, out var known) && (!known.Live || clock.GetElapsedTime(known.At, now) < options.Value.CheckInterval))
        {
            return known.Live && known.UserId == userId;
        }

        bool live;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            live = await db.AccountSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        }

        Remember(sessionId, new Remembered(live, userId, now));
        return live;
    }

    private void Forget(string sessionId)
    {
        Remember(sessionId, new Remembered(false, "", clock.GetTimestamp()));
        Ended?.Invoke(sessionId);
    }

    private void Remember(string sessionId, Remembered answer)
    {
        if (_remembered.Count > MaxRemembered)
        {
            _remembered.Clear();
        }

        // Never back from ended to live: a look at the database that started before this server ended the session
        // must not undo the end when it finishes after it.
        _remembered.AddOrUpdate(sessionId, answer, (_, old) => old.Live ? answer : old);
    }

    private readonly record struct Remembered(bool Live, string UserId, long At);
}
