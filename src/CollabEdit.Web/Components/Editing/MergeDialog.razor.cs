using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// The three-way merge dialog, opened through <see cref="IDialogService"/>: the whole merged document top to
/// bottom, each conflict with mine and theirs side by side (changed words highlighted, base on demand) and its
/// choices, the title when both renamed. All merge state is in <see cref="MergeSession"/>; saving is the page's
/// (<see cref="Save"/>), which answers with the session still to resolve (another version landed, or the save was
/// refused) or null once saved, and the dialog closes.
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
    private readonly Dictionary<int, ElementReference> _conflictElements = [];
    private readonly HashSet<int> _expanded = [];
    private MergeSession? _wordsFor;
    private int? _focusConflict;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance? Dialog { get; set; }

    [Parameter, EditorRequired]
    public MergeSession Session { get; set; } = default!;

    /// <summary>Saves the result; returns the merge still to resolve, or null when it was saved.</summary>
    [Parameter, EditorRequired]
    public Func<MergeSession, Task<MergeSession?>> Save { get; set; } = default!;

    protected override void OnParametersSet() => Reset();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && Session.Conflicts.Count > 0)
        {
            _focusConflict = Session.Current;
        }

        if (_focusConflict is int conflict && _conflictElements.TryGetValue(conflict, out var element))
        {
            // Focusing also scrolls the conflict into view; keyboard users continue right there.
            _focusConflict = null;
            await element.FocusAsync();
        }
    }

    private void Reset()
    {
        if (!ReferenceEquals(_wordsFor, Session))
        {
            // A new or rebased merge: its conflicts are not the ones the cached highlights and edits belong to.
            _words.Clear();
            _editing.Clear();
            _expanded.Clear();
            _wordsFor = Session;
        }
    }

    /// <summary>Word highlights for a conflict or a combined region, by its place among the chunks (which never moves).</summary>
    private ConflictWords WordsFor(int chunkIndex, MergeChunk chunk)
    {
        if (!_words.TryGetValue(chunkIndex, out var words))
        {
            words = WordDiff.ForConflict(chunk);
            _words[chunkIndex] = words;
        }

        return words;
    }

    private string CombinedSummary => Session.CombinedCount == 1
        ? "1 place you both changed was combined word by word: check it below."
        : $"{Session.CombinedCount} places you both changed were combined word by word: check them below.";

    /// <summary>The combined region becomes a conflict, shown and focused like the others.</summary>
    private Task UncombineAsync(int chunkIndex)
    {
        var conflict = Session.Uncombine(chunkIndex);

        // Text being written for later conflicts moves with them: they are numbered one further now.
        var editing = _editing.ToDictionary(e => e.Key >= conflict ? e.Key + 1 : e.Key, e => e.Value);
        _editing.Clear();
        foreach (var (key, text) in editing)
        {
            _editing[key] = text;
        }

        _focusConflict = conflict;
        return Task.CompletedTask;
    }

    private Task MoveAsync(int step)
    {
        if (step > 0)
        {
            Session.Next();
        }
        else
        {
            Session.Previous();
        }

        _focusConflict = Session.Current;
        return Task.CompletedTask;
    }

    private Task OnKeyDownAsync(KeyboardEventArgs key) => key switch
    {
        { AltKey: true, Key: "n" or "N" } => MoveAsync(1),
        { AltKey: true, Key: "p" or "P" } => MoveAsync(-1),
        _ => Task.CompletedTask,
    };

    private Task ChooseAsync(int conflict, ConflictChoice choice)
    {
        Session.Choose(conflict, choice);
        return ChosenAsync(conflict);
    }

    private Task ChosenAsync(int conflict)
    {
        _editing.Remove(conflict);
        if (Session.NextUnresolved() is int next)
        {
            // After a choice, the keyboard goes on with the next conflict that still needs one.
            Session.GoTo(next);
            _focusConflict = next;
        }

        return Task.CompletedTask;
    }

    private Task ChooseRestAsync(ConflictChoice choice)
    {
        for (var i = 0; i < Session.Conflicts.Count; i++)
        {
            if (Session.ChoiceFor(i) is null)
            {
                Session.Choose(i, choice);
            }
        }

        return Task.CompletedTask;
    }

    private Task ChooseTitleAsync(string title)
    {
        Session.ChooseTitle(title);
        return Task.CompletedTask;
    }

    /// <summary>Opens Edit… with what was written for the conflict before, or mine (the session keeps the line ending out of it).</summary>
    private void StartEditing(int conflict) => _editing.TryAdd(conflict, Session.EditableText(conflict));

    private Task UseCustomAsync(int conflict)
    {
        Session.ChooseWritten(conflict, _editing[conflict]);
        return ChosenAsync(conflict);
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var next = await Save(Session);
            if (next is null)
            {
                Dialog?.Close(DialogResult.Ok(true));
                return;
            }

            Session = next;
            Reset();
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => Dialog?.Cancel();

    private static Variant ChoiceVariant(bool chosen) => chosen ? Variant.Filled : Variant.Outlined;

    private static string Pressed(bool chosen) => chosen ? "true" : "false";

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
        MergeChunkKind.Mine => "from your text",
        MergeChunkKind.Theirs => "from theirs",
        MergeChunkKind.Same => "both made this change",
        _ => "",
    };

    private static int LineCount(string text) => text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);

    private static string Head(string text) => string.Join('\n', text.Split('\n', 4)[..3]) + "\n";

    private static string Tail(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines[^3..]) + (text.EndsWith('\n') ? "\n" : "");
    }
}
