using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// The three-way merge dialog: the whole merged document top to bottom, each conflict with mine and theirs
/// side by side (word changes highlighted, base on demand) and its choices. All state is in <see cref="MergeSession"/>.
/// </summary>
public partial class MergeDialog
{
    private const int CollapseAfterLines = 12;

    private static readonly (string Label, ConflictChoiceKind Kind, ConflictChoice Choice)[] Options =
    [
        ("Take mine", ConflictChoiceKind.Mine, ConflictChoice.Mine),
        ("Take theirs", ConflictChoiceKind.Theirs, ConflictChoice.Theirs),
        ("Both (mine first)", ConflictChoiceKind.MineThenTheirs, ConflictChoice.MineThenTheirs),
        ("Both (theirs first)", ConflictChoiceKind.TheirsThenMine, ConflictChoice.TheirsThenMine),
        ("Base", ConflictChoiceKind.Base, ConflictChoice.Base),
    ];

    private readonly Dictionary<int, string> _editing = [];
    private readonly Dictionary<int, ConflictWords> _words = [];
    private MergeSession? _wordsFor;
    private ElementReference _panel;

    [Parameter, EditorRequired]
    public MergeSession Session { get; set; } = default!;

    [Parameter, EditorRequired]
    public EventCallback OnSave { get; set; }

    [Parameter, EditorRequired]
    public EventCallback OnCancel { get; set; }

    [Parameter]
    public bool Saving { get; set; }

    /// <summary>Moves to another conflict (from the page's keyboard shortcuts).</summary>
    public void Move(int step)
    {
        if (step > 0)
        {
            Session.Next();
        }
        else
        {
            Session.Previous();
        }

        StateHasChanged();
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_wordsFor, Session))
        {
            // A new or rebased merge: its conflicts are not the ones the cached highlights and edits belong to.
            _words.Clear();
            _editing.Clear();
            _wordsFor = Session;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Keyboard users land in the dialog when it opens, not on the page behind it.
            await _panel.FocusAsync();
        }
    }

    private ConflictWords WordsFor(MergeChunk conflict)
    {
        var index = conflict.ConflictIndex!.Value;
        if (!_words.TryGetValue(index, out var words))
        {
            words = WordDiff.ForConflict(conflict);
            _words[index] = words;
        }

        return words;
    }

    private void Previous() => Session.Previous();

    private void Next() => Session.Next();

    private void Choose(int conflict, ConflictChoice choice)
    {
        Session.Choose(conflict, choice);
        _editing.Remove(conflict);
        Session.GoTo(Session.NextUnresolved() ?? conflict);
    }

    private void ChooseTitle(string title) => Session.ChooseTitle(title);

    private void StartEditing(int conflict, MergeChunk chunk) => _editing.TryAdd(conflict, chunk.Mine);

    private void UseCustom(int conflict) => Choose(conflict, ConflictChoice.Custom(_editing[conflict]));

    private static string Describe(ConflictChoice choice) => choice.Kind switch
    {
        ConflictChoiceKind.Mine => "mine",
        ConflictChoiceKind.Theirs => "theirs",
        ConflictChoiceKind.MineThenTheirs => "both, mine first",
        ConflictChoiceKind.TheirsThenMine => "both, theirs first",
        ConflictChoiceKind.Base => "base",
        _ => "your own text",
    };

    private static string Origin(MergeChunkKind kind) => kind switch
    {
        MergeChunkKind.Mine => "from your draft",
        MergeChunkKind.Theirs => "from theirs",
        MergeChunkKind.Same => "both made this change",
        _ => "",
    };

    /// <summary>Long runs show their first and last lines only.</summary>
    private static string Collapsed(string text)
    {
        var lines = text.Split('\n');
        return lines.Length <= CollapseAfterLines
            ? text
            : string.Join('\n', lines[..3]) + $"\n… {lines.Length - 6} more lines …\n" + string.Join('\n', lines[^3..]);
    }
}
