-- Stops the SQLite scripts before they touch a database that is not SQLite, with a message saying what to do.
-- SQLite turns this text into 0; every other database refuses it, quoting the text in its error. A table rather than
-- a bare SELECT, so that Flyway has no result to print into the application's log on every SQLite migration.
CREATE TEMP TABLE ctrlstore_dialect_check AS
    SELECT CAST('ctrlstore: these are the SQLite scripts (dialect sqlite), but the database is not SQLite. For PostgreSQL use -Dctrlstore.dialect=postgresql, or the postgresql location and placeholders.' AS INTEGER) AS sqlite;
DROP TABLE ctrlstore_dialect_check;
