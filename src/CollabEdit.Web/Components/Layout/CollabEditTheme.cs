using MudBlazor;

namespace CollabEdit.Web.Components.Layout;

/// <summary>The one theme: MudBlazor's Material palette with the system font stack (no web font is fetched, so it works offline).</summary>
public static class CollabEditTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Ubuntu", "Cantarell", "Noto Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            AppbarBackground = "#283593",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            TextSecondary = "rgba(0,0,0,0.68)",
            // Darker than MudBlazor's defaults so that text in these colours reads at 4.5:1 or more on white (axe-core checks it).
            Error = "#c62828",
            Warning = "#9a5b00",
            Info = "#0b63c4",
            Success = "#2e7d32",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8ff",
            // Dark text on the light dark-mode accents: white on #9fa8ff reads at about 2:1 (axe-core found it on filled buttons).
            PrimaryContrastText = "#10143a",
            Secondary = "#4db6ac",
            SecondaryContrastText = "#00201c",
            AppbarBackground = "#1c1f2b",
            Background = "#12141c",
            Surface = "#1c1f2b",
            TextSecondary = "rgba(255,255,255,0.72)",
            Error = "#ff8a80",
            Warning = "#ffcc80",
            Info = "#90caf9",
            Success = "#a5d6a7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts },
            H2 = new H2Typography { FontFamily = SystemFonts },
            H3 = new H3Typography { FontFamily = SystemFonts },
            H4 = new H4Typography { FontFamily = SystemFonts },
            H5 = new H5Typography { FontFamily = SystemFonts },
            H6 = new H6Typography { FontFamily = SystemFonts },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none" },
            Body1 = new Body1Typography { FontFamily = SystemFonts },
            Body2 = new Body2Typography { FontFamily = SystemFonts },
            Caption = new CaptionTypography { FontFamily = SystemFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = SystemFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = SystemFonts },
            Overline = new OverlineTypography { FontFamily = SystemFonts },
        },
    };
}
