using System.Net;
using System.Net.Sockets;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>A loopback port nobody listens on right now, for the servers the tests start themselves.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
