using System.Net.Sockets;

namespace CollabEdit.Deltas.Bench;

/// <summary>
/// An HttpClient whose one connection counts the bytes it sends and receives: request line, headers and body, and the
/// whole response, as they cross the socket (HTTP/1.1 on loopback; no compression unless asked for).
/// </summary>
internal sealed class WireCounter : IDisposable
{
    private readonly CountingStream.Counts _counts = new();

    public WireCounter(Uri address, string author)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new CountingStream(new NetworkStream(socket, ownsSocket: true), _counts);
            },
        };
        Client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        Client.DefaultRequestHeaders.Add("X-Author", author);
    }

    public HttpClient Client { get; }

    public (long Sent, long Received) Take()
    {
        var taken = (_counts.Sent, _counts.Received);
        (_counts.Sent, _counts.Received) = (0, 0);
        return taken;
    }

    public void Dispose() => Client.Dispose();

    private sealed class CountingStream(Stream inner, CountingStream.Counts counts) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            counts.Received += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            counts.Received += read;
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            counts.Sent += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            counts.Sent += buffer.Length;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public sealed class Counts
        {
            public long Sent { get; set; }

            public long Received { get; set; }
        }
    }
}
