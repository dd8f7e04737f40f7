using System.Buffers;
using System.IO.Compression;
using System.Text;
using CollabEdit.Merging;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The stored form of a version's text (<c>Revisions.Payload</c>): one byte that says what follows, then a Brotli
/// stream (the runtime's <see cref="BrotliEncoder"/>, nothing home-made). A snapshot compresses the UTF-8 text; a
/// delta compresses a <see cref="ChangeSet"/> from the previous version's text, written as unsigned LEB128 varints
/// (the old text's length in UTF-16 units, the number of changes, then per change: the gap from the end of the
/// previous change, the characters removed, the UTF-8 byte count of the insert) and the insert's UTF-8 bytes.
/// </summary>
public static class RevisionCodec
{
    /// <summary>The first byte of a snapshot payload.</summary>
    public const byte SnapshotTag = 1;

    /// <summary>The first byte of a delta payload.</summary>
    public const byte DeltaTag = 2;

    // Quality 5 compresses Markdown to about a quarter at well over 50 MB/s (a 5 MB snapshot costs tens of ms, on the
    // saving caller's thread); deltas are small, so they get the best quality. A 16 MB window (2^24) lets a snapshot
    // find repeats across the whole of a large document.
    private const int SnapshotQuality = 5;
    private const int DeltaQuality = 11;
    private const int Window = 24;

    /// <summary>A snapshot of <paramref name="text"/>.</summary>
    public static byte[] EncodeSnapshot(string text) => Compress(SnapshotTag, Encoding.UTF8.GetBytes(text), SnapshotQuality);

    /// <summary>A delta: <paramref name="changes"/> from the previous version's text.</summary>
    public static byte[] EncodeDelta(ChangeSet changes)
    {
        var raw = new ArrayBufferWriter<byte>(64 + (int)Math.Min(int.MaxValue / 2, changes.InsertedUtf8Bytes));
        WriteVarint(raw, (uint)changes.Length);
        WriteVarint(raw, (uint)changes.Changes.Length);
        var end = 0;
        foreach (var change in changes.Changes)
        {
            WriteVarint(raw, (uint)(change.From - end));
            WriteVarint(raw, (uint)change.Removed);
            var insert = Encoding.UTF8.GetBytes(change.Insert);
            WriteVarint(raw, (uint)insert.Length);
            raw.Write(insert);
            end = change.To;
        }

        return Compress(DeltaTag, raw.WrittenSpan, DeltaQuality);
    }

    /// <summary>True when <paramref name="payload"/> is a snapshot (else a delta).</summary>
    public static bool IsSnapshot(byte[] payload) => payload.Length > 0 && payload[0] == SnapshotTag;

    /// <summary>The text of a snapshot payload.</summary>
    /// <exception cref="InvalidDataException">Not a snapshot, or not a Brotli stream.</exception>
    public static string DecodeSnapshot(byte[] payload)
    {
        if (!IsSnapshot(payload))
        {
            throw new InvalidDataException("The payload is not a snapshot.");
        }

        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Decompress(payload));
    }

    /// <summary>The changes of a delta payload.</summary>
    /// <exception cref="InvalidDataException">Not a delta, not a Brotli stream, or changes that do not fit together.</exception>
    public static ChangeSet DecodeDelta(byte[] payload)
    {
        if (payload.Length == 0 || payload[0] != DeltaTag)
        {
            throw new InvalidDataException("The payload is not a delta.");
        }

        var raw = Decompress(payload);
        var at = 0;
        var length = (int)ReadVarint(raw, ref at);
        var count = ReadVarint(raw, ref at);
        var changes = new List<TextChange>((int)Math.Min(count, 4096));
        var end = 0;
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var i = 0u; i < count; i++)
        {
            var from = end + (int)ReadVarint(raw, ref at);
            var to = from + (int)ReadVarint(raw, ref at);
            var bytes = (int)ReadVarint(raw, ref at);
            if (bytes < 0 || at + bytes > raw.Length)
            {
                throw new InvalidDataException("A delta's insert runs past its end.");
            }

            changes.Add(new TextChange(from, to, utf8.GetString(raw, at, bytes)));
            at += bytes;
            end = to;
        }

        if (at != raw.Length)
        {
            throw new InvalidDataException("A delta has bytes after its last change.");
        }

        try
        {
            return ChangeSet.Of(length, changes);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException("A delta's changes do not fit together.", exception);
        }
    }

    private static byte[] Compress(byte tag, ReadOnlySpan<byte> data, int quality)
    {
        var output = new byte[1 + BrotliEncoder.GetMaxCompressedLength(data.Length)];
        output[0] = tag;
        using var encoder = new BrotliEncoder(quality, Window);
        var status = encoder.Compress(data, output.AsSpan(1), out var consumed, out var written, isFinalBlock: true);
        if (status != OperationStatus.Done || consumed != data.Length)
        {
            throw new InvalidOperationException($"Brotli could not compress {data.Length} bytes ({status}).");
        }

        return output[..(1 + written)];
    }

    private static byte[] Decompress(byte[] payload)
    {
        try
        {
            using var input = new MemoryStream(payload, 1, payload.Length - 1, writable: false);
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            brotli.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            // BrotliStream says "damaged" in several ways (InvalidOperationException for bytes that are no Brotli at all).
            throw new InvalidDataException("The payload is not a whole Brotli stream.", exception);
        }
    }

    private static void WriteVarint(ArrayBufferWriter<byte> writer, uint value)
    {
        var span = writer.GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        writer.Advance(i);
    }

    private static uint ReadVarint(byte[] data, ref int at)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new InvalidDataException("A delta ends inside a number.");
            }

            var b = data[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= int.MaxValue ? value : throw new InvalidDataException("A delta holds a number out of range.");
            }
        }

        throw new InvalidDataException("A delta holds a number that is too long.");
    }
}
