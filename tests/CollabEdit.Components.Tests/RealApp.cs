using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Components.Tests;

/// <summary>The app with its real services on its own SQLite file, in the secure default, for components that work on the real core.</summary>
public sealed class RealApp : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "collabedit-components", $"{Guid.NewGuid():N}", "c.db");

    private DocumentActor? _ana;

    /// <summary>A real account (the secure default): the panel reads the history with its access.</summary>
    public DocumentActor Ana => _ana ??= CreateAccount();

    public async Task<Document> DocumentWithVersionsAsync(params string[] contents)
    {
        var documents = Services.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>();
        var actor = Ana;
        var created = (DocumentOutcome.Created)await documents.SendAsync(new CreateDocumentCommand($"History {Guid.NewGuid():N}", null, contents[0], actor), CancellationToken.None);
        var head = created.Document.Head;
        foreach (var content in contents.Skip(1))
        {
            head = ((DocumentOutcome.Saved)await documents.SendAsync(SaveDocumentCommand.OnBase(head.Id, content, null, head.CurrentVersion, actor), CancellationToken.None)).Document.Head;
        }

        return head;
    }

    private DocumentActor CreateAccount() => Account("ana@example.org", "Ana");

    /// <summary>A real account (Identity's user manager), as the actor the documents core sees for it.</summary>
    public DocumentActor Account(string email, string displayName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CollabEdit.Web.Storage.CollabEditUser>>();
        var user = new CollabEdit.Web.Storage.CollabEditUser { UserName = email, Email = email, DisplayName = displayName };
        var result = users.CreateAsync(user, "a long enough passphrase").GetAwaiter().GetResult();
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return new DocumentActor(displayName, UserId: user.Id);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:CollabEdit", $"Data Source={_database}");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}
