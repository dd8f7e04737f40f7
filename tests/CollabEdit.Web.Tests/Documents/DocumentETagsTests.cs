using CollabEdit.Web.Features.Documents;
using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Tests.Documents;

public sealed class DocumentETagsTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void ADocumentTagNamesItsVersion()
    {
        Assert.Equal(7, DocumentETags.ActiveVersionNamedBy(DocumentETags.ForDocument(Id, 7, DocumentState.Active), Id));
    }

    [Fact]
    public void WeakArchivedForeignAndRevisionTagsNameNoVersion()
    {
        var own = DocumentETags.ForDocument(Id, 7, DocumentState.Active);

        Assert.Null(DocumentETags.ActiveVersionNamedBy(new EntityTagHeaderValue(own.Tag, isWeak: true), Id));
        Assert.Null(DocumentETags.ActiveVersionNamedBy(DocumentETags.ForDocument(Id, 7, DocumentState.Archived), Id));
        Assert.Null(DocumentETags.ActiveVersionNamedBy(DocumentETags.ForDocument(Id, 7, DocumentState.Active, locked: true), Id));
        Assert.Null(DocumentETags.ActiveVersionNamedBy(DocumentETags.ForDocument(Guid.NewGuid(), 7, DocumentState.Active), Id));
        Assert.Null(DocumentETags.ActiveVersionNamedBy(DocumentETags.ForRevision(Id, 7), Id));
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("-vx")]
    [InlineData("-v-1")]
    [InlineData("-v+1")]
    [InlineData("-v 1")]
    [InlineData("-v99999999999")]
    public void MalformedVersionsNameNoVersion(string suffix)
    {
        Assert.Null(DocumentETags.ActiveVersionNamedBy(new EntityTagHeaderValue($"\"{Id:N}{suffix}\""), Id));
    }

    [Fact]
    public void StrongComparisonNeverMatchesAWeakTag()
    {
        var current = DocumentETags.ForDocument(Id, 1, DocumentState.Active);

        Assert.True(DocumentETags.AnyStrongMatch([current], current));
        Assert.False(DocumentETags.AnyStrongMatch([new EntityTagHeaderValue(current.Tag, isWeak: true)], current));
    }
}
