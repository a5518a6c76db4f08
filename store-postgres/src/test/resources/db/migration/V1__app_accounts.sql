-- An application's own first migration, in Flyway's default location, beside the store's.
CREATE TABLE app_accounts (id INTEGER NOT NULL PRIMARY KEY, email TEXT NOT NULL);
