namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// One app server of a deployment of several, on real Kestrel: on the given Redis, and on another node's database
/// when given one (else on a database of its own). Settings given here come on top of the test defaults.
/// </summary>
public sealed class ClusterNode(string redis, string? sharedDatabase, IReadOnlyDictionary<string, string>? settings = null) : KestrelAppFactory
{
    public override string DatabaseConnectionString => sharedDatabase ?? base.DatabaseConnectionString;

    protected override IDictionary<string, string> Settings
    {
        get
        {
            var all = new Dictionary<string, string>(base.Settings) { ["CollabEdit:Redis:Configuration"] = redis };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                all[key] = value;
            }

            return all;
        }
    }
}
