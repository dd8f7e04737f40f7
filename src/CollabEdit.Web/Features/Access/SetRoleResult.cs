
namespace CollabEdit.Web.Features.Access;

public enum SetRoleResult
{
    Done,
    LastOwner,
}
