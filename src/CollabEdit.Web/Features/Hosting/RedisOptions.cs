namespace CollabEdit.Web.Features.Hosting;

/// <summary>Where the servers of one deployment meet: bound from <c>CollabEdit:Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "CollabEdit:Redis";

    /// <summary>StackExchange.Redis configuration (<c>127.0.0.1:6379</c>, or with password/ssl); empty: one server, nothing shared.</summary>
    public string? Configuration { get; set; }

    /// <summary>Begins every channel and key this deployment uses (<c>collabedit:…</c>), so that deployments can share a Redis.</summary>
    public string Prefix { get; set; } = "collabedit";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>A key of this deployment (keys, unlike channels, are not prefixed by the connection).</summary>
    public string Key(string name) => $"{Prefix}:{name}";
}
