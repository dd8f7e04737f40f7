using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Registers the documents: their read side, the command pipeline and one handler per use case.</summary>
public static class CommandsSetup
{
    public static IServiceCollection AddCollabEditDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentLimits>().BindConfiguration(DocumentLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<ConflictMetrics>();
        services.AddSingleton<ConflictReporter>();
        services.AddHostedService<WelcomeDocumentSeeder>();

        services.AddSingleton<CommandPipeline>();
        services.AddSingleton<ChangeAnnouncements>();
        services.AddSingleton<ICommandHandler<CreateDocumentCommand>, CreateDocumentHandler>();
        services.AddSingleton<ICommandHandler<SaveDocumentCommand>, SaveDocumentHandler>();
        services.AddSingleton<ICommandHandler<ArchiveDocumentCommand>, ArchiveDocumentHandler>();
        services.AddSingleton<ICommandHandler<RestoreDocumentCommand>, RestoreDocumentHandler>();
        services.AddSingleton<ICommandHandler<SetAccessCommand>, SetAccessHandler>();
        services.AddSingleton<ICommandHandler<RemoveAccessCommand>, RemoveAccessHandler>();
        services.AddSingleton<ICommandHandler<LockDocumentCommand>, LockDocumentHandler>();
        services.AddSingleton<ICommandHandler<UnlockDocumentCommand>, UnlockDocumentHandler>();
        return services;
    }
}
