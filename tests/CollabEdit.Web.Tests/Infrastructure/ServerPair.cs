namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>Two app servers of one deployment: A, and B on A's database; both on the test run's Redis.</summary>
public abstract class ServerPair : IDisposable
{
    protected ServerPair(IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = RedisServer.Instance.Configuration;
        A = new ClusterNode(redis, sharedDatabase: null, settings);
        B = new ClusterNode(redis, sharedDatabase: A.DatabaseConnectionString, settings);
    }

    public ClusterNode A { get; }

    public ClusterNode B { get; }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        GC.SuppressFinalize(this);
    }
}
