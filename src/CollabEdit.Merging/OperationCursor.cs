namespace CollabEdit.Merging;

/// <summary>Walks a list of operations, taking part of one at a time (composition splits steps).</summary>
internal sealed class OperationCursor(List<Operation> operations)
{
    private int _index;
    private int _used;

    /// <summary>What is left of the current step, or null at the end.</summary>
    public Operation? Current
    {
        get
        {
            if (_index >= operations.Count)
            {
                return null;
            }

            var operation = operations[_index];
            return operation.Kind == OperationKind.Insert
                ? operation with { Text = operation.Text[_used..] }
                : operation with { Count = operation.Count - _used };
        }
    }

    /// <summary>Uses <paramref name="count"/> characters of the current step.</summary>
    public void Advance(int count)
    {
        _used += count;
        if (_used >= operations[_index].Length)
        {
            _index++;
            _used = 0;
        }
    }
}
