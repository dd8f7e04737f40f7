using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Tests.Documents;

public sealed class DocumentRulesTests
{
    [Theory]
    [InlineData("Meeting notes", "meeting-notes")]
    [InlineData("  Café — Plans!  ", "cafe-plans")]
    [InlineData("Ünïcödé 2026", "unicode-2026")]
    [InlineData("Smørrebrød", "sm-rrebr-d")]
    [InlineData("!!!", "document")]
    [InlineData("中文", "document")]
    public void SlugFromTitleKeepsLettersAndDigits(string title, string slug)
    {
        Assert.Equal(slug, DocumentRules.SlugFromTitle(title));
    }

    [Fact]
    public void SlugFromALongTitleLeavesRoomForASuffix()
    {
        var slug = DocumentRules.SlugFromTitle(string.Join(' ', Enumerable.Repeat("word", 40)));

        Assert.True(slug.Length <= DocumentRules.MaxSlugLength - 8);
        Assert.True(DocumentRules.IsValidSlug(slug + "-999"));
    }

    [Theory]
    [InlineData("notes", true)]
    [InlineData("notes-2", true)]
    [InlineData("Notes", false)]
    [InlineData("-notes", false)]
    [InlineData("notes-", false)]
    [InlineData("a--b", false)]
    [InlineData("", false)]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", false)]
    public void IsValidSlugAcceptsOnlyLowercaseWordsJoinedByHyphensAndNoGuids(string slug, bool valid)
    {
        Assert.Equal(valid, DocumentRules.IsValidSlug(slug));
    }

    [Fact]
    public void SizeIsCountedInUtf8Bytes()
    {
        Assert.Equal(1 + 2 + 4, DocumentRules.ByteCount("aé👋"));
    }
}
