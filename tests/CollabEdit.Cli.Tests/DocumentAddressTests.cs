using CollabEdit.Cli.Sync;

namespace CollabEdit.Cli.Tests;

public sealed class DocumentAddressTests
{
    [Theory]
    [InlineData("https://edit.example.org/api/documents/trip-plan", "https://edit.example.org/api/documents/trip-plan")]
    [InlineData("https://edit.example.org/docs/trip-plan", "https://edit.example.org/api/documents/trip-plan")]
    [InlineData("https://edit.example.org/d/trip-plan/", "https://edit.example.org/api/documents/trip-plan")]
    [InlineData("http://localhost:5000/team/docs/trip-plan?tab=history#v2", "http://localhost:5000/team/api/documents/trip-plan")]
    public void APageOrAnApiAddressNamesTheDocumentsApiAddress(string given, string api)
    {
        Assert.Equal(new Uri(api), DocumentAddress.Parse(given));
    }

    [Theory]
    [InlineData("trip-plan")]
    [InlineData("ftp://edit.example.org/docs/trip-plan")]
    [InlineData("https://edit.example.org/")]
    [InlineData("https://edit.example.org/api/documents/trip-plan/revisions/2")]
    public void AnythingElseIsABadArgument(string given)
    {
        var refused = Assert.Throws<SyncException>(() => DocumentAddress.Parse(given));
        Assert.Equal(SyncStatus.Usage, refused.Status);
    }
}
