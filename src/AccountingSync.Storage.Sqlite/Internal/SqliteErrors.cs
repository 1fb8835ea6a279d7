using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Turns SQLite's result codes about the file itself into errors that name the file and what to check.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static Exception Translate(SqliteException exception, string path) => exception.SqliteErrorCode switch
    {
        Busy or Locked => new SqliteStoreException(
            $"The SQLite database '{path}' is locked by another connection or process and stayed locked for the " +
            "whole busy timeout. Check that no other program holds it in an exclusive transaction, or raise " +
            "SqliteStoreOptions.BusyTimeout.", path, exception),
        Corrupt or NotADatabase => new SqliteStoreException(
            $"The SQLite database '{path}' is corrupt or is not a SQLite database (SQLite error " +
            $"{exception.SqliteErrorCode}). Restore it from a backup or point SqliteStoreOptions.DatabasePath at " +
            "another file; it was not changed.", path, exception),
        CantOpen or ReadOnly or IoError => new SqliteStoreException(
            $"The SQLite database '{path}' cannot be opened or written (SQLite error {exception.SqliteErrorCode}): " +
            "check that its folder exists and is writable.", path, exception),
        _ => exception,
    };
}
