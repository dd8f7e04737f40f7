namespace CollabEdit.Web.Features.Documents;

/// <summary>Field checks for request bodies. Errors are keyed by the JSON field name, as in a 400's <c>errors</c>.</summary>
public static class DocumentValidation
{
    public static Dictionary<string, string[]> ValidateCreate(CreateDocumentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateTitle(request.Title, required: true, errors);
        if (request.Slug is not null && !DocumentRules.IsValidSlug(request.Slug))
        {
            errors["slug"] = [$"A slug is 1 to {DocumentRules.MaxSlugLength} lowercase letters, digits and single hyphens (for example \"meeting-notes\"), and may not be a GUID."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> ValidateSave(SaveDocumentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Content is null)
        {
            errors["content"] = ["The content is required (an empty document is \"\")."];
        }

        ValidateTitle(request.Title, required: false, errors);
        if (request.BaseVersion is < 1)
        {
            errors["baseVersion"] = ["Versions start at 1."];
        }

        return errors;
    }

    private static void ValidateTitle(string? title, bool required, Dictionary<string, string[]> errors)
    {
        if (title is null)
        {
            if (required)
            {
                errors["title"] = ["The title is required."];
            }

            return;
        }

        var trimmed = title.Trim();
        if (trimmed.Length == 0)
        {
            errors["title"] = ["The title may not be empty."];
        }
        else if (trimmed.Length > DocumentRules.MaxTitleLength)
        {
            errors["title"] = [$"The title may be at most {DocumentRules.MaxTitleLength} characters; it has {trimmed.Length}."];
        }
        else if (trimmed.Any(DocumentRules.IsLineBreakOrControl))
        {
            errors["title"] = ["The title may not contain control characters or line breaks."];
        }
        else if (trimmed.Any(DocumentRules.IsDeceptiveFormat))
        {
            errors["title"] = ["The title may not contain invisible or direction-changing characters (such as U+202E or U+200B)."];
        }
    }
}
