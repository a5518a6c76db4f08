-- The replication ledger (see the README's "Replication" section).
--
-- At the center (a store built with a ledger mode), every committed write of a replicated table appends one row to
-- `ledger` in the same transaction: the transaction's row images in execution order. The sequence comes from the
-- one-row `ledger_head`, taken by the transaction's last statement, so numbers are gap-free and in commit order.
-- In an LDB (a replica), `ldb_position` records the last applied entry in the same SQLite transaction as the data
-- it covers; the center leaves that table empty, and an LDB leaves `ledger` empty.

CREATE TABLE ledger_head (
    id             INTEGER         NOT NULL PRIMARY KEY CHECK (id = 1),
    -- The last number handed out; 0 before the first replicated write.
    seq            BIGINT          NOT NULL,
    -- Random when the database is created: a replica refuses a center whose id is not the one it followed.
    center_id      TEXT            NOT NULL,
    -- The lowest seq still in `ledger` (pruning moves it up).
    retained_from  BIGINT          NOT NULL
);

CREATE TABLE ledger (
    seq            BIGINT          NOT NULL PRIMARY KEY,
    -- The center's clock when the entry was appended: a replica's lag is now minus this.
    committed_at   ${ts}           NOT NULL,
    -- The migration version the row images were written under.
    schema_version INTEGER         NOT NULL,
    -- The API call that wrote it, e.g. "instances().update".
    origin         TEXT            NOT NULL,
    -- A JSON array of the changes, in execution order (RowImages).
    changes        TEXT            NOT NULL
);

CREATE TABLE ldb_position (
    id             INTEGER         NOT NULL PRIMARY KEY CHECK (id = 1),
    seq            BIGINT          NOT NULL,
    center_id      TEXT            NOT NULL,
    -- committed_at of the entry at seq (the center's clock), and when this replica applied it (its own clock).
    committed_at   ${ts}           NOT NULL,
    applied_at     ${ts}           NOT NULL
);
