using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabEdit.Cli.Sync;

/// <summary>The state file's JSON, generated at build time: the native (AOT) CLI has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SyncState))]
internal sealed partial class SyncStateJson : JsonSerializerContext
{
    /// <summary>
    /// Written for people to read too: quotes and non-ASCII letters as themselves, not as \u escapes (the file is
    /// local, never put into HTML).
    /// </summary>
    public static SyncStateJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
