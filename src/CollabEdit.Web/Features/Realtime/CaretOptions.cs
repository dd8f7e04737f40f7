using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Bound from <c>CollabEdit:Realtime:Carets</c> and validated at start-up.</summary>
public sealed class CaretOptions
{
    public const string SectionName = "CollabEdit:Realtime:Carets";

    /// <summary>
    /// A participant's caret is taken at most once per this interval (4 a second); moves in between are coalesced,
    /// the latest kept and taken when the interval ends, so a flood of moves costs the same as four a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The carets of one document are announced at most once per this interval (the newest state).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BroadcastInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many carets an announcement carries (the most recently moved); the rest are counted.</summary>
    [Range(1, 1_000)]
    public int MaxCaretsSent { get; set; } = 20;

    /// <summary>How many carets one document keeps on a server (memory bound); moves of more are dropped.</summary>
    [Range(1, 100_000)]
    public int MaxCaretsPerDocument { get; set; } = 500;
}
