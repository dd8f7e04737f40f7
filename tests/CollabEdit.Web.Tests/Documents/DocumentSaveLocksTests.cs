using CollabEdit.Web.Features.Commands;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>One rebasing save per document at a time on a server, with memory only for the documents being saved.</summary>
public sealed class DocumentSaveLocksTests
{
    [Fact]
    public async Task ASecondSaveOfTheSameDocumentWaitsForTheFirstWhileAnotherDocumentGoesOn()
    {
        var locks = new DocumentSaveLocks();
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        var first = await locks.TakeTurnAsync(one, CancellationToken.None);

        var second = locks.TakeTurnAsync(one, CancellationToken.None);
        using (await locks.TakeTurnAsync(two, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.False(second.IsCompleted);
        }

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task AWaitEndedByItsCallerLeavesNothingBehindAndTheNextSaveGetsItsTurn()
    {
        var locks = new DocumentSaveLocks();
        var id = Guid.NewGuid();
        var first = await locks.TakeTurnAsync(id, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.TakeTurnAsync(id, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        first.Dispose(); // twice is once
        Assert.Equal(0, locks.Count);
        (await locks.TakeTurnAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
