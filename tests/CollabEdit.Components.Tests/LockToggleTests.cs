using CollabEdit.Web.Components.Editing;

namespace CollabEdit.Components.Tests;

/// <summary>The editor toolbar's lock: owners lock and unlock, everyone else sees that it is locked and by whom.</summary>
public sealed class LockToggleTests : ComponentTestContext
{
    [Fact]
    public void AnOwnerOfAnUnlockedDocumentLocksIt()
    {
        var asked = new List<bool>();

        var toggle = Render<LockToggle>(p => p
            .Add(c => c.Locked, false).Add(c => c.CanLock, true).Add(c => c.LockedText, null).Add(c => c.OnChange, locked => asked.Add(locked)));
        toggle.Find("[data-testid=lock]").Click();

        Assert.Equal([true], asked);
        Assert.Empty(toggle.FindAll("[data-testid=unlock]"));
    }

    [Fact]
    public void AnOwnerOfALockedDocumentUnlocksItAndIsToldWhoLockedIt()
    {
        var asked = new List<bool>();

        var toggle = Render<LockToggle>(p => p
            .Add(c => c.Locked, true).Add(c => c.CanLock, true).Add(c => c.LockedText, "Locked by Ana 5 min ago").Add(c => c.OnChange, locked => asked.Add(locked)));
        var unlock = toggle.Find("[data-testid=unlock]");
        unlock.Click();

        Assert.Equal([false], asked);
        Assert.Contains("Locked by Ana 5 min ago", unlock.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(toggle.FindAll("[data-testid=lock]"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SomeoneWhoIsNotAnOwnerGetsNoButtonButSeesTheLock(bool locked)
    {
        var toggle = Render<LockToggle>(p => p
            .Add(c => c.Locked, locked).Add(c => c.CanLock, false).Add(c => c.LockedText, locked ? "Locked by Ana just now" : null).Add(c => c.OnChange, _ => { }));

        Assert.Empty(toggle.FindAll("[data-testid=lock], [data-testid=unlock]"));
        Assert.Equal(locked ? 1 : 0, toggle.FindAll("[data-testid=locked-chip]").Count);
        if (locked)
        {
            Assert.Equal("Locked by Ana just now", toggle.Find("[data-testid=locked-chip]").GetAttribute("title"));
        }
    }

    [Fact]
    public void TheLockWaitsWhileAnotherOperationRuns()
    {
        var toggle = Render<LockToggle>(p => p
            .Add(c => c.Locked, false).Add(c => c.CanLock, true).Add(c => c.LockedText, null).Add(c => c.Busy, true).Add(c => c.OnChange, _ => { }));

        Assert.True(toggle.Find("[data-testid=lock]").HasAttribute("disabled"));
    }
}
