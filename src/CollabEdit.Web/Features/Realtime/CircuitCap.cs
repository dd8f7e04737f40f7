using CollabEdit.Web.Features.Accounts;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Counts this circuit for its client while its connection is up (<see cref="ConnectionCaps"/> refuses more).</summary>
public sealed class CircuitCap(CircuitCounter counter, CircuitUser user) : CircuitHandler
{
    private string? _counted;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var client = await user.ClientKeyAsync();
        lock (counter)
        {
            if (_counted is not null)
            {
                return;
            }

            _counted = client;
        }

        counter.Add(client);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    private void Release()
    {
        string? counted;
        lock (counter)
        {
            (counted, _counted) = (_counted, null);
        }

        if (counted is not null)
        {
            counter.Remove(counted);
        }
    }
}
