namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// How many connected Blazor circuits (open tabs) each client holds on this server (an account, or for nobody signed
/// in an address). Counted while connected, so that a tab that lost its connection can always come back.
/// </summary>
public sealed class CircuitCounter
{
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);

    public int Of(string client)
    {
        lock (_held)
        {
            return _held.GetValueOrDefault(client);
        }
    }

    public void Add(string client)
    {
        lock (_held)
        {
            _held[client] = _held.GetValueOrDefault(client) + 1;
        }
    }

    public void Remove(string client)
    {
        lock (_held)
        {
            if (_held.TryGetValue(client, out var held) && held > 1)
            {
                _held[client] = held - 1;
            }
            else
            {
                _held.Remove(client);
            }
        }
    }
}
