namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// One open editor's part in the carets of its document: reports its own caret to the tracker, and hands the
/// others' carets (never its own) to <c>show</c>, which sends them to the browser. Disposing it removes the caret
/// and ends the subscription; after that nothing more is shown or reported.
/// </summary>
public sealed class CaretSession : IDisposable
{
    private readonly CaretTracker _tracker;
    private readonly Guid _documentId;
    private readonly string _participant;
    private readonly string _ownId;
    private readonly IDisposable _subscription;
    private volatile bool _disposed;

    /// <param name="tracker">The server's carets.</param>
    /// <param name="documentId">The document open in the editor.</param>
    /// <param name="participant">The editor's entry in presence: when it leaves presence (the tab's connection dropped), its caret goes too.</param>
    /// <param name="name">Whose caret it is (changes when a name is given: <see cref="Name"/>).</param>
    /// <param name="show">Receives the others' carets after each announcement (on a thread of its own; may be slow without delaying anyone else).</param>
    public CaretSession(CaretTracker tracker, Guid documentId, string participant, string name, Func<IReadOnlyList<Caret>, Task> show)
    {
        _tracker = tracker;
        _documentId = documentId;
        _participant = participant;
        _ownId = tracker.IdOf(participant);
        Name = name;
        _subscription = tracker.Subscribe(documentId, carets => _disposed ? Task.CompletedTask : show(Others(carets)));
    }

    public string Name { get; set; }

    /// <summary>The editor's caret moved (positions in its text, based on <paramref name="version"/>).</summary>
    public void Move(int version, int anchor, int head)
    {
        if (!_disposed)
        {
            _tracker.Move(_documentId, _participant, Name, version, anchor, head);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _subscription.Dispose();
        _tracker.Leave(_documentId, _participant);
    }

    private List<Caret> Others(DocumentCarets carets) => [.. carets.Carets.Where(c => c.Id != _ownId)];
}
