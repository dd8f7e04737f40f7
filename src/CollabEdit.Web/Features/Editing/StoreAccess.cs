using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>Runs one store operation in its own scope: interactive components outlive any DbContext they should hold.</summary>
public sealed class StoreAccess(IServiceScopeFactory scopes)
{
    public async Task<T> Run<T>(Func<DocumentStore, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<DocumentStore>());
    }
}
