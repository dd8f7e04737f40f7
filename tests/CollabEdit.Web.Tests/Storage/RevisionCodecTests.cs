using CollabEdit.Merging;
using CollabEdit.Web.Storage;
using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>The stored forms of a version's text, without a database: what is encoded decodes to the same thing, and damage is refused.</summary>
public sealed class RevisionCodecTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly Gen<string> Texts =
        Gen.ListOf(Gen.Elements("a", "word ", "\n", "\r\n", "😀", "e\u0301", "東京", "# ", "")).Select(parts => string.Concat(parts.Take(80)));

    [Fact]
    public void ASnapshotDecodesToTheSameText() =>
        Prop.ForAll(Texts.ToArbitrary(), text => RevisionCodec.DecodeSnapshot(RevisionCodec.EncodeSnapshot(text)) == text).Check(Config);

    [Fact]
    public void ADeltaDecodesToTheSameChanges() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
        {
            var changes = ChangeSet.Between(before, after);
            var decoded = RevisionCodec.DecodeDelta(RevisionCodec.EncodeDelta(changes));
            return decoded == changes || (decoded.Length == changes.Length && decoded.Changes.SequenceEqual(changes.Changes) && decoded.Apply(before) == after);
        }).Check(Config);

    [Fact]
    public void DamagedPayloadsAreRefusedNotMisread()
    {
        var delta = RevisionCodec.EncodeDelta(ChangeSet.Between("one\ntwo\n", "one\n2\n"));
        var cut = delta[..^2];
        byte[] notBrotli = [RevisionCodec.DeltaTag, 0xFF, 0xFF, 0xFF, 0xFF];

        // One exception for every kind of damage: the reader turns it into RevisionCorruptException (see DeltaStorageTests).
        Assert.Throws<InvalidDataException>(() => RevisionCodec.DecodeDelta(cut));
        Assert.Throws<InvalidDataException>(() => RevisionCodec.DecodeDelta(notBrotli));
        Assert.Throws<InvalidDataException>(() => RevisionCodec.DecodeSnapshot(delta));
        Assert.Throws<InvalidDataException>(() => RevisionCodec.DecodeDelta(RevisionCodec.EncodeSnapshot("text")));
    }
}
