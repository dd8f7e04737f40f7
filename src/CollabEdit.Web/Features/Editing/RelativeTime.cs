namespace CollabEdit.Web.Features.Editing;

public static class RelativeTime
{
    /// <summary>"just now", "2 min ago", "3 h ago", "yesterday", or the date.</summary>
    public static string Describe(DateTime utc, DateTime nowUtc)
    {
        var elapsed = nowUtc - utc;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            { TotalDays: < 2 } => "yesterday",
            _ => utc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
