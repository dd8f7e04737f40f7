namespace CollabEdit.Merging;

/// <summary>Collects retain/delete/insert steps in the old text's order into replacements.</summary>
internal sealed class ChangeBuilder
{
    private readonly List<TextChange> _changes = [];
    private int _position;
    private int _pendingFrom = -1;
    private int _pendingRemoved;
    private System.Text.StringBuilder? _pendingInsert;

    /// <summary>The replacements so far, closed.</summary>
    public List<TextChange> Changes
    {
        get
        {
            Flush();
            return _changes;
        }
    }

    public void Retain(int count)
    {
        Flush();
        _position += count;
    }

    public void Delete(int count)
    {
        Open();
        _pendingRemoved += count;
        _position += count;
    }

    public void Insert(string text)
    {
        Open();
        _pendingInsert!.Append(text);
    }

    private void Open()
    {
        if (_pendingFrom < 0)
        {
            _pendingFrom = _position;
            _pendingRemoved = 0;
            _pendingInsert = new System.Text.StringBuilder();
        }
    }

    private void Flush()
    {
        if (_pendingFrom >= 0)
        {
            _changes.Add(new TextChange(_pendingFrom, _pendingFrom + _pendingRemoved, _pendingInsert!.ToString()));
            _pendingFrom = -1;
        }
    }
}
