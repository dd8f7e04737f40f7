namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>Tests that measure the whole process (its memory) run on their own, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}
