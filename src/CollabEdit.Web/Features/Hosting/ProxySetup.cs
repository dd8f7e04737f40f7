using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CollabEdit.Web.Features.Hosting;

/// <summary>
/// Behind a load balancer, every request comes from the proxy's address: per-client limits and logs need the
/// client's. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured only from the proxies listed in
/// <c>CollabEdit:Proxy:KnownProxies</c> (addresses); with none listed (the default) they are ignored, so that no
/// client can claim another address.
/// </summary>
public static class ProxySetup
{
    public const string KnownProxiesKey = "CollabEdit:Proxy:KnownProxies";

    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration) =>
        [.. (configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? []).Select(IPAddress.Parse)];

    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IReadOnlyList<IPAddress> proxies) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies, and only the address the nearest one saw (a client may send its own header).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            options.ForwardLimit = 1;
        });
}
