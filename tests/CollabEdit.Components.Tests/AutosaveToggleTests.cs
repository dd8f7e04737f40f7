using CollabEdit.Web.Components.Editing;

namespace CollabEdit.Components.Tests;

public sealed class AutosaveToggleTests : ComponentTestContext
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SwitchingItReportsTheOppositeOfWhatItShows(bool on, bool expected)
    {
        var changes = new List<bool>();
        var toggle = Render<AutosaveToggle>(p => p.Add(c => c.On, on).Add(c => c.OnChange, v => changes.Add(v)));

        var input = toggle.Find("input[data-testid=autosave-toggle]");
        Assert.Equal(on, input.HasAttribute("checked"));
        Assert.Equal(on ? "true" : "false", input.GetAttribute("aria-checked"));
        input.Change(!on);

        Assert.Equal([expected], changes);
        Assert.Contains("Autosave", toggle.Find("label").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisabledToggleCannotBeSwitched()
    {
        var toggle = Render<AutosaveToggle>(p => p.Add(c => c.On, true).Add(c => c.OnChange, _ => { }).Add(c => c.Disabled, true));

        Assert.True(toggle.Find("input[data-testid=autosave-toggle]").HasAttribute("disabled"));
    }
}
