using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabEdit.Web.Components.Editing;

/// <summary>Who has access to a document; owners give, change and take away roles. Every change goes through the <see cref="CommandPipeline"/>.</summary>
public partial class ShareDialog
{
    private static readonly DocumentRole[] Roles = [DocumentRole.Viewer, DocumentRole.Editor, DocumentRole.Owner];
    private IReadOnlyList<AccessEntry> _entries = [];
    private string? _email;
    private DocumentRole _role = DocumentRole.Editor;
    private string? _error;
    private bool _busy;

    /// <summary>Changes with every reload of the list: part of each role menu's key, so each is drawn afresh from the server's answer.</summary>
    private int _drawn;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid DocumentId { get; set; }

    [Parameter, EditorRequired]
    public DocumentActor Actor { get; set; } = default!;

    /// <summary>Whether the user is an owner (the core checks again; this only hides what would be refused).</summary>
    [Parameter, EditorRequired]
    public bool CanManage { get; set; }

    [Inject]
    private DocumentSharing Sharing { get; set; } = default!;

    [Inject]
    private CommandPipeline Commands { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnParametersSetAsync() => Show(await Sharing.ListAsync(DocumentId.ToString(), Actor, CancellationToken.None));

    private static string RoleName(DocumentRole role) => role switch
    {
        DocumentRole.Viewer => "Viewer",
        DocumentRole.Editor => "Editor",
        _ => "Owner",
    };

    private async Task AddAsync()
    {
        if (await RunAsync(() => Commands.SendAsync(new SetAccessCommand(DocumentId.ToString(), _email, _role, Actor), CancellationToken.None)))
        {
            _email = null;
        }
    }

    private async Task SetAsync(AccessEntry entry, DocumentRole role)
    {
        if (!await RunAsync(() => Commands.SendAsync(new SetAccessCommand(DocumentId.ToString(), entry.Email, role, Actor), CancellationToken.None)))
        {
            _error = Unchanged(entry, _error);
        }
    }

    private async Task RemoveAsync(AccessEntry entry)
    {
        if (!await RunAsync(() => Commands.SendAsync(new RemoveAccessCommand(DocumentId.ToString(), entry.Email, Actor), CancellationToken.None)))
        {
            _error = Unchanged(entry, _error);
        }
    }

    /// <summary>
    /// What a refused change left, as the server has it now ("Ana is still an owner: …"): the list was read again
    /// after the refusal, so a role picked in the menu never stays on screen as if it had been made.
    /// </summary>
    private string? Unchanged(AccessEntry asked, string? reason)
    {
        var now = _entries.FirstOrDefault(e => string.Equals(e.Email, asked.Email, StringComparison.OrdinalIgnoreCase));
        var state = now is null ? $"{asked.DisplayName} no longer has access" : $"Not changed: {now.DisplayName} is still {Article(now.Role)} {RoleName(now.Role).ToLowerInvariant()}";
        return $"{state}. {reason}";
    }

    private static string Article(DocumentRole role) => role == DocumentRole.Viewer ? "a" : "an";

    private async Task<bool> RunAsync(Func<Task<Outcome>> change)
    {
        _busy = true;
        try
        {
            if (Show(await change()))
            {
                return true;
            }

            var reason = _error;
            await ReloadAsync();
            _error = reason;
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// Reads the list again and redraws every role menu from it: a menu keeps the role picked in it otherwise,
    /// whatever the server answered (a refused demotion looked done).
    /// </summary>
    private async Task ReloadAsync()
    {
        if (await Sharing.ListAsync(DocumentId.ToString(), Actor, CancellationToken.None) is AccessOutcome.AccessListed listed)
        {
            _entries = listed.Entries;
        }

        _drawn++;
    }

    /// <returns>Whether the change was made.</returns>
    private bool Show(Outcome outcome)
    {
        _error = outcome is AccessOutcome.AccessListed ? null : OutcomeWords.Say(outcome, Attempt.ChangeAccess, title: null, Clock.GetUtcNow().UtcDateTime);
        if (outcome is AccessOutcome.AccessListed listed)
        {
            _entries = listed.Entries;
        }

        return _error is null;
    }

    private void Close() => Dialog.Close();
}
