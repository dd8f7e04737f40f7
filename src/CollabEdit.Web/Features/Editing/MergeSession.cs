using System.Globalization;
using System.Text;
using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// The state of the merge dialog, kept out of the component so that tests can drive it: the three-way merge
/// of my draft with the current version, one choice per conflict, which conflict is shown, and whether
/// the result can be saved. Saving puts the result on top of <see cref="TheirsVersion"/>.
/// </summary>
public sealed class MergeSession
{
    private ConflictChoice?[] _choices;

    private string? _chosenTitle;

    public MergeSession(string baseText, int baseVersion, string mine, string theirs, int theirsVersion, string theirsAuthor, TitleVersions? titles = null)
    {
        Titles = titles;
        BaseText = baseText;
        BaseVersion = baseVersion;
        Mine = mine;
        Theirs = theirs;
        TheirsVersion = theirsVersion;
        TheirsAuthor = theirsAuthor;
        // Documents are text or Markdown: git's conflicts are merged again word by word where that is safe, and
        // what was combined is shown for checking (Uncombine turns it back).
        Result = ThreeWayMerge.Merge(baseText, mine, theirs, MergeOptions.ForProse);
        Conflicts = Result.Conflicts.ToList();
        _choices = new ConflictChoice?[Conflicts.Count];
    }

    public string BaseText { get; }
    public int BaseVersion { get; }
    public string Mine { get; }
    public string Theirs { get; }

    /// <summary>The version the merge was computed against: the result is saved on top of it.</summary>
    public int TheirsVersion { get; }

    public string TheirsAuthor { get; }

    /// <summary>The titles being merged, when the merge includes them.</summary>
    public TitleVersions? Titles { get; }

    /// <summary>Both sides renamed the document, differently: the user picks the title.</summary>
    public bool HasTitleConflict => Titles is { IsConflict: true };

    public string? ChosenTitle => _chosenTitle;

    /// <summary>The title to save: merged by itself, or as chosen; null while a title conflict is unresolved.</summary>
    public string? ResultTitle => Titles is null ? null : Titles.Merged ?? _chosenTitle;

    public void ChooseTitle(string title)
    {
        if (!HasTitleConflict)
        {
            throw new InvalidOperationException("The titles merged by themselves.");
        }

        _chosenTitle = title;
    }
    public MergeResult Result { get; private set; }
    public IReadOnlyList<MergeChunk> Conflicts { get; private set; }

    /// <summary>How many regions were combined word by word (git would have left them in conflict).</summary>
    public int CombinedCount => Result.Counts.Combined;

    /// <summary>The conflict on screen (0-based); 0 when there are none.</summary>
    public int Current { get; private set; }

    public int UnresolvedCount => _choices.Count(c => c is null) + (HasTitleConflict && _chosenTitle is null ? 1 : 0);

    public bool CanSave => UnresolvedCount == 0;

    /// <summary>Whether the merge needed no decision but still brought in their changes, to be confirmed in one click.</summary>
    public bool IsCleanWithTheirChanges => Result.IsClean && !HasTitleConflict && Result.Chunks.Any(c => c.Kind is MergeChunkKind.Theirs or MergeChunkKind.Combined);

    /// <summary>
    /// The user does not trust a combined region: it becomes the conflict git would have left, to resolve like the
    /// others. Choices already made for other conflicts stay.
    /// </summary>
    /// <returns>The number of the new conflict.</returns>
    public int Uncombine(int chunkIndex)
    {
        var previous = Result;
        Result = previous.AsConflict(chunkIndex);
        Conflicts = Result.Conflicts.ToList();
        var choices = new ConflictChoice?[Conflicts.Count];
        for (var i = 0; i < Result.Chunks.Length; i++)
        {
            if (previous.Chunks[i].ConflictIndex is int before && Result.Chunks[i].ConflictIndex is int after)
            {
                choices[after] = _choices[before];
            }
        }

        _choices = choices;
        var conflict = Result.Chunks[chunkIndex].ConflictIndex!.Value;
        GoTo(conflict);
        return conflict;
    }

    public ConflictChoice? ChoiceFor(int conflict) => _choices[conflict];

    public void Choose(int conflict, ConflictChoice choice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conflict);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(conflict, _choices.Length);
        _choices[conflict] = choice;
    }

    /// <summary>
    /// What Edit… shows for a conflict: the text already written for it, else mine; in both cases without the line
    /// terminator that ends the region. The terminator is the boundary with the next line, not part of what a person
    /// rewrites: kept in the box, a select-all and retype drops it and glues the next paragraph on.
    /// </summary>
    public string EditableText(int conflict)
    {
        var chunk = Conflicts[conflict];
        var text = _choices[conflict] is { Kind: ConflictChoiceKind.Custom, CustomText: { } written } ? written : chunk.Mine;
        var terminator = TerminatorOf(chunk);
        return terminator.Length > 0 && text.EndsWith(terminator, StringComparison.Ordinal) ? text[..^terminator.Length] : text;
    }

    /// <summary>Resolves a conflict with text written in Edit…, putting back the region's line terminator (none when the text is empty: the region is removed).</summary>
    public void ChooseWritten(int conflict, string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        Choose(conflict, ConflictChoice.Custom(written.Length == 0 ? "" : written + TerminatorOf(Conflicts[conflict])));
    }

    /// <summary>Moves to the next conflict, preferring unresolved ones; stays at the end.</summary>
    public void Next() => Current = Math.Min(Current + 1, Math.Max(0, Conflicts.Count - 1));

    public void Previous() => Current = Math.Max(Current - 1, 0);

    public void GoTo(int conflict) => Current = Math.Clamp(conflict, 0, Math.Max(0, Conflicts.Count - 1));

    /// <summary>The next conflict after the current one that still needs a decision, if any.</summary>
    public int? NextUnresolved()
    {
        if (_choices.Length == 0)
        {
            return null;
        }

        for (var offset = 1; offset <= _choices.Length; offset++)
        {
            var candidate = (Current + offset) % _choices.Length;
            if (_choices[candidate] is null)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The result so far: resolved conflicts as chosen, unresolved ones with git-style markers.</summary>
    public string Preview()
    {
        var text = new StringBuilder();
        foreach (var chunk in Result.Chunks)
        {
            if (chunk.Kind != MergeChunkKind.Conflict)
            {
                text.Append(chunk.Merged);
            }
            else if (_choices[chunk.ConflictIndex!.Value] is { } choice)
            {
                text.Append(MergeResolution.ResolveConflict(chunk, choice));
            }
            else
            {
                text.Append("<<<<<<< mine\n").Append(WithNewline(chunk.Mine)).Append("=======\n").Append(WithNewline(chunk.Theirs))
                    .Append(CultureInfo.InvariantCulture, $">>>>>>> v{TheirsVersion}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The merged text to save; only when every conflict is resolved.</summary>
    public string ResultText()
    {
        if (!CanSave)
        {
            throw new InvalidOperationException($"{UnresolvedCount} conflicts are still unresolved.");
        }

        return MergeResolution.Resolve(Result, _choices.Select(c => c!).ToList());
    }

    /// <summary>
    /// Another save landed while the dialog was open: merge my draft again on top of the newest version,
    /// keeping each choice whose conflict (same base, mine and theirs text) still exists.
    /// </summary>
    public MergeSession Rebase(string newestTheirs, int newestVersion, string newestAuthor, string? newestTitle = null)
    {
        var titles = Titles is null || newestTitle is null ? Titles : Titles with { Theirs = newestTitle };
        var next = new MergeSession(BaseText, BaseVersion, Mine, newestTheirs, newestVersion, newestAuthor, titles);
        if (next.HasTitleConflict && titles == Titles)
        {
            next._chosenTitle = _chosenTitle;
        }

        var previous = Conflicts.Select((c, i) => (Key: (c.Base, c.Mine, c.Theirs), Choice: _choices[i]))
            .Where(p => p.Choice is not null)
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.First().Choice!);
        for (var i = 0; i < next.Conflicts.Count; i++)
        {
            var conflict = next.Conflicts[i];
            if (previous.TryGetValue((conflict.Base, conflict.Mine, conflict.Theirs), out var kept))
            {
                next._choices[i] = kept;
            }
        }

        return next;
    }

    /// <summary>How the conflicting region ends ("\n", "\r\n", or nothing at the end of a text without a final newline), from whichever side has text.</summary>
    private static string TerminatorOf(MergeChunk chunk)
    {
        var side = chunk.Mine.Length > 0 ? chunk.Mine : chunk.Theirs.Length > 0 ? chunk.Theirs : chunk.Base;
        return side.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : side.EndsWith('\n') ? "\n" : "";
    }

    private static string WithNewline(string text) => text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";
}
