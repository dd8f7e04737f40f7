namespace CollabEdit.Merging;

/// <summary>How hard the merge works to make conflicts small (git's merge levels).</summary>
internal enum MergeLevel
{
    /// <summary>Overlapping changes conflict unless identical (git's "eager"; used for diff3 output, which shows the whole base).</summary>
    Eager = 1,

    /// <summary>Conflicts are re-diffed, mine against theirs, so that lines both sides agree on move out of them.</summary>
    Zealous = 2,

    /// <summary>As zealous, and conflicts separated only by lines without letters or digits are joined (git merge-file's default).</summary>
    ZealousAlnum = 3,
}
