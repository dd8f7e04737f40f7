using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Counts the bytes a page moves on the wire, through the DevTools protocol (the page's own network, not Playwright's):
/// WebSocket frames sent and received (payload bytes: text as UTF-8, binary decoded from the protocol's base64), HTTP
/// request bodies sent, and HTTP responses received as encoded on the wire. Counting starts at <see cref="Reset"/>.
/// </summary>
public sealed partial class WireMeter
{
    private readonly ICDPSession _session;
    private readonly object _gate = new();
    private readonly HashSet<string> _requests = [];
    private readonly List<string> _log = [];
    private readonly Dictionary<string, long> _byKind = [];
    private long _sent;
    private long _received;
    private int _unmeasured;

    private WireMeter(ICDPSession session) => _session = session;

    /// <summary>Bytes the page sent since <see cref="Reset"/>: WebSocket payloads and request bodies.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>Bytes the page received since <see cref="Reset"/>: WebSocket payloads and encoded responses.</summary>
    public long Received
    {
        get
        {
            lock (_gate)
            {
                return _received;
            }
        }
    }

    /// <summary>Requests with a body the protocol did not report (a large blob): their size is unknown, never counted as 0 silently.</summary>
    public int UnmeasuredBodies
    {
        get
        {
            lock (_gate)
            {
                return _unmeasured;
            }
        }
    }

    /// <summary>What was counted, one line each, for the test's output.</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>
    /// The bytes since <see cref="Reset"/> by direction and kind of message ("received JS.RenderBatch", "sent
    /// BeginInvokeDotNetFromJS CaretMoved", "received http response"): where the bytes of a page go.
    /// </summary>
    public IReadOnlyDictionary<string, long> ByKind
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_byKind);
            }
        }
    }

    public static async Task<WireMeter> AttachAsync(IPage page)
    {
        var meter = new WireMeter(await page.Context.NewCDPSessionAsync(page));
        meter._session.Event("Network.webSocketFrameSent").OnEvent += (_, e) => meter.Frame(e, sent: true);
        meter._session.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => meter.Frame(e, sent: false);
        meter._session.Event("Network.requestWillBeSent").OnEvent += (_, e) => meter.Request(e);
        meter._session.Event("Network.loadingFinished").OnEvent += (_, e) => meter.Response(e);
        await meter._session.SendAsync("Network.enable");
        return meter;
    }

    public void Reset()
    {
        lock (_gate)
        {
            (_sent, _received, _unmeasured) = (0, 0, 0);
            _requests.Clear();
            _byKind.Clear();
            _log.Clear();
        }
    }

    private void Frame(JsonElement? e, bool sent)
    {
        if (e is not { } frame)
        {
            return;
        }

        var response = frame.GetProperty("response");
        var payload = response.GetProperty("payloadData").GetString() ?? "";
        var binary = response.GetProperty("opcode").GetDouble() == 2;
        var data = binary ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);
        Count(sent, data.Length, $"ws {(sent ? "sent" : "received")} {data.Length}", MessageKind(data));
    }

    private void Request(JsonElement? e)
    {
        if (e is not { } sent)
        {
            return;
        }

        var request = sent.GetProperty("request");
        var body = 0L;
        if (request.TryGetProperty("postDataEntries", out var entries))
        {
            body = entries.EnumerateArray().Sum(entry => entry.TryGetProperty("bytes", out var chunk) ? Convert.FromBase64String(chunk.GetString()!).Length : 0L);
        }
        else if (request.TryGetProperty("postData", out var data))
        {
            body = Encoding.UTF8.GetByteCount(data.GetString()!);
        }

        lock (_gate)
        {
            _requests.Add(sent.GetProperty("requestId").GetString()!);
            if (body == 0 && request.TryGetProperty("hasPostData", out var has) && has.GetBoolean())
            {
                _unmeasured++;
            }
        }

        Count(sent: true, body, $"http {request.GetProperty("method").GetString()} {request.GetProperty("url").GetString()} body {body}", "http request");
    }

    private void Response(JsonElement? e)
    {
        if (e is not { } finished)
        {
            return;
        }

        lock (_gate)
        {
            // Only responses to requests made since the reset: a load that began before it is not this operation's.
            if (!_requests.Contains(finished.GetProperty("requestId").GetString()!))
            {
                return;
            }
        }

        var bytes = (long)finished.GetProperty("encodedDataLength").GetDouble();
        Count(sent: false, bytes, $"http response {bytes}", "http response");
    }

    /// <summary>
    /// What a SignalR frame carries, read from the names in it (Blazor's MessagePack and JSON frames both hold them as
    /// plain UTF-8): the hub method, and for calls into JavaScript or .NET the function called.
    /// </summary>
    private static string MessageKind(byte[] data)
    {
        var names = Names().Matches(Encoding.Latin1.GetString(data)).Select(m => m.Value).ToList();
        var target = names.FirstOrDefault(n => n.StartsWith("JS.", StringComparison.Ordinal) || n.StartsWith("BeginInvoke", StringComparison.Ordinal)
            || n.StartsWith("EndInvoke", StringComparison.Ordinal) || n.StartsWith("OnRender", StringComparison.Ordinal) || n.StartsWith("OnLocation", StringComparison.Ordinal)
            || n is "UpdateRootComponents" or "DispatchBrowserEvent" or "DispatchEventAsync" or "ReceiveByteArray" or "ConnectCircuit" or "StartCircuit");
        if (target is null)
        {
            return data.Length <= 16 ? "ping or ack" : names.FirstOrDefault() ?? "other";
        }

        var called = target is "JS.BeginInvokeJS" or "BeginInvokeDotNetFromJS" or "DispatchBrowserEvent"
            ? names.SkipWhile(n => n != target).Skip(1).FirstOrDefault(n => !n.Contains('-', StringComparison.Ordinal) && n is not "null" and not "true" and not "false")
            : null;
        return called is null ? target : $"{target} {called}";
    }

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z_][A-Za-z0-9_.]{3,}")]
    private static partial System.Text.RegularExpressions.Regex Names();

    private void Count(bool sent, long bytes, string line, string kind)
    {
        lock (_gate)
        {
            var key = $"{(sent ? "sent" : "received")} {kind}";
            _byKind[key] = _byKind.GetValueOrDefault(key) + bytes;
            if (sent)
            {
                _sent += bytes;
            }
            else
            {
                _received += bytes;
            }

            _log.Add(line);
        }
    }
}
