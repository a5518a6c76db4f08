-- Stops the SQLite scripts before they touch a database that is not SQLite, with a message saying what to do.
-- SQLite turns this text into 0; every other database refuses it, quoting the text in its error.
SELECT CAST('ctrlstore: these are the SQLite scripts (dialect sqlite), but the database is not SQLite. For PostgreSQL use -Dctrlstore.dialect=postgresql, or the postgresql location and placeholders.' AS INTEGER);
