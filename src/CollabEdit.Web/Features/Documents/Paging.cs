
namespace CollabEdit.Web.Features.Documents;

public static class Paging
{
    public const int MaxTake = 200;

    public static Dictionary<string, string[]>? Validate(int skip, int take)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["skip may not be negative."];
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = [$"take is between 1 and {MaxTake}."];
        }

        return errors.Count > 0 ? errors : null;
    }
}
