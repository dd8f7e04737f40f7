namespace CollabEdit.Web.Features.Editing;

/// <summary>Registers the editor page's logic: one <see cref="DocumentEditor"/> and <see cref="RevisionHistory"/> per page, the text uploads.</summary>
public static class EditingSetup
{
    public static IServiceCollection AddCollabEditEditing(this IServiceCollection services)
    {
        services.AddTransient<DocumentEditor>();
        services.AddTransient<RevisionHistory>();
        services.AddSingleton<EditorUploads>();
        return services;
    }
}
