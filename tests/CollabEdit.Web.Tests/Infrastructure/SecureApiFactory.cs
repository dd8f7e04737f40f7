namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>The app in its default, secure access mode: accounts, roles, nothing visible without signing in.</summary>
public sealed class SecureApiFactory : CollabEditApiFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["CollabEdit:Access:Mode"] = "Secure",
    };
}

/// <summary>The secure default on a real Kestrel port, for the hub's WebSockets.</summary>
public sealed class SecureKestrelAppFactory : KestrelAppFactory
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["CollabEdit:Access:Mode"] = "Secure",
    };
}
