using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Registers the documents: their read side, the command pipeline and one handler per use case.</summary>
public static class CommandsSetup
{
    public static IServiceCollection AddCollabEditDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentLimits>().BindConfiguration(DocumentLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageAllowance>().BindConfiguration(StorageAllowance.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<ConflictMetrics>();
        services.AddSingleton<ConflictReporter>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateOnStart();

        services.AddSingleton<CommandPipeline>();
        services.AddSingleton<ChangeAnnouncements>();
        // The continuous rebase of autosaves (issue 19): the rebase itself, one turn per document, the changes remembered.
        services.AddSingleton<SaveRebaser>();
        services.AddSingleton<DocumentSaveLocks>();
        services.AddSingleton<RecentChanges>();
        // One handler per use case, each registered for the command it handles: a new use case is a new handler file.
        foreach (var handler in typeof(CommandsSetup).Assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false }))
        {
            foreach (var handles in handler.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<>)))
            {
                services.AddSingleton(handles, handler);
            }
        }

        return services;
    }
}
