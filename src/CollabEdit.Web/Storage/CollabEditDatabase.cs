
namespace CollabEdit.Web.Storage;

/// <summary>The resolved connection string and the provider, for the few parts that open their own connection (the save writer).</summary>
public sealed record CollabEditDatabase(string ConnectionString, StorageProvider Provider = StorageProvider.Sqlite);
