using System.Text.Json.Serialization;

namespace CollabEdit.Cli.Sync;

/// <summary>The state file's JSON, generated at build time: the native (AOT) CLI has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SyncState))]
internal sealed partial class SyncStateJson : JsonSerializerContext;
