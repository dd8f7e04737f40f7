
namespace CollabEdit.Web.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
