using System.Globalization;

namespace CollabEdit.Live.Bench;

/// <summary>Percentiles (nearest rank) and the ways figures are printed.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{value:F0} ms");

    public static string Size(int bytes) => bytes >= 1024 * 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB")
        : bytes >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1000} KB") : $"{bytes} B";
}
