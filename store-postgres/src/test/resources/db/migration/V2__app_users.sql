-- An application's own second migration: the store must never apply it.
CREATE TABLE app_users (id INTEGER NOT NULL PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES app_accounts (id));
