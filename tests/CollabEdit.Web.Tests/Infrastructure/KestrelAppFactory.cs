namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>The app on real Kestrel, on a free loopback port, so that clients connect over real sockets (WebSockets).</summary>
public class KestrelAppFactory : CollabEditApiFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri Address => new(ClientOptions.BaseAddress.ToString());

    public HttpClient CreateRealClient() => new() { BaseAddress = Address };
}
