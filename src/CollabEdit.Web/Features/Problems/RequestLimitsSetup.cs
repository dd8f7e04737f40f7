using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Problems;

/// <summary>Registers Kestrel's limits, taken from the documents' limits, so that every refusal can be a problem.</summary>
public static class RequestLimitsSetup
{
    public static IServiceCollection AddCollabEditRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<DocumentLimits>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.Value.MinResponseBytesPerSecond, limits.Value.MinResponseGracePeriod);
            // Kestrel answers its own refusals with an empty body; these let such requests reach RequestShapeGuard,
            // which applies the real limits with problem details. Latin-1 keeps every header byte as one char to check.
            kestrel.Limits.MaxRequestLineSize = RequestShapeGuard.KestrelRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestShapeGuard.KestrelHeadersTotalSize;
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        return services;
    }
}
