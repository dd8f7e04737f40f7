using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Editing;

public sealed class LivePreviewTests
{
    [Fact]
    public void ATextWithinTheLiveSizeIsRenderedOnEveryChange()
    {
        var preview = new LivePreview { LiveUpTo = 100 };

        Assert.True(preview.TextChanged(10));
        preview.Show("# One");
        Assert.True(preview.TextChanged(100));
        preview.Show("# Two\n\n- [x] done");

        Assert.Contains("<h1>Two</h1>", preview.Html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", preview.Html, StringComparison.Ordinal);
        Assert.False(preview.IsStale);
    }

    [Fact]
    public void ALargerTextIsRenderedOnceThenOnlyWhenAsked()
    {
        var preview = new LivePreview { LiveUpTo = 100 };

        Assert.True(preview.TextChanged(5_000));
        preview.Show("# Large");
        Assert.False(preview.TextChanged(5_001));

        Assert.True(preview.IsStale);
        Assert.Contains("Large", preview.Html, StringComparison.Ordinal);
        preview.Show("# Larger");
        Assert.False(preview.IsStale);
        Assert.Contains("Larger", preview.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextOverTheSizeLimitShowsNoRenderingAndAFailedReadKeepsTheLastOne()
    {
        var preview = new LivePreview();
        preview.Show(null);
        Assert.True(preview.OverLimit);
        Assert.Null(preview.Html);

        preview.Show("kept");
        preview.Failed();

        Assert.True(preview.ReadFailed);
        Assert.Contains("kept", preview.Html, StringComparison.Ordinal);
    }
}
