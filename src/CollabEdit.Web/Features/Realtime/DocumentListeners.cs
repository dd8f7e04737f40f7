namespace CollabEdit.Web.Features.Realtime;

/// <summary>In-process listeners per document (open editors): <see cref="KeyedListeners{TKey, T}"/> keyed by document id.</summary>
internal sealed class DocumentListeners<T>(ILogger logger, TimeSpan callTimeout, int queueCapacity = 16)
    : KeyedListeners<Guid, T>(logger, callTimeout, queueCapacity);
