namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>The secure default on real Kestrel with the per-account connection caps at their defaults (the other factories raise them).</summary>
public sealed class CappedKestrelAppFactory : KestrelAppFactory
{
    protected override IDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>(base.Settings) { ["CollabEdit:Access:Mode"] = "Secure" };
            settings.Remove("CollabEdit:Realtime:MaxHubConnectionsPerAccount");
            settings.Remove("CollabEdit:Realtime:MaxFollowersPerAccountPerDocument");
            settings.Remove("CollabEdit:Realtime:MaxCircuitsPerAccount");
            return settings;
        }
    }
}
