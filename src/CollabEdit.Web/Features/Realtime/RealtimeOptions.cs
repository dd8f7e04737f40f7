using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Bound from <c>CollabEdit:Realtime</c> and validated at start-up.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "CollabEdit:Realtime";

    /// <summary>How long one open editor may take to take in a new version or presence before it is skipped for that one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ListenerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long someone counts as typing after their last keystroke.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan TypingWindow { get; set; } = TimeSpan.FromSeconds(4);
}
