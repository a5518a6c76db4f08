-- Control tables: families of user-defined tables that writers fill through the write service (the README's
-- "Control tables" section). Each table's rows live in a table of its own named ct_<id> (a surrogate: no
-- identifier-length limit, no ambiguous decoding of family and table from one name), created at the center in the
-- same transaction as the ledger entry that tells every replica to create it.
--
-- The registry (control_families, control_tables) is replicated: it is how a replica's reader finds a table by
-- family and name. Writers, their usage and the limits stay at the center.

CREATE TABLE control_families (
    name           TEXT            NOT NULL PRIMARY KEY,
    created_at     ${ts}           NOT NULL
);

CREATE TABLE control_tables (
    -- The physical table is ct_<id>.
    id             BIGINT          NOT NULL PRIMARY KEY,
    family         TEXT            NOT NULL REFERENCES control_families (name),
    name           TEXT            NOT NULL,
    -- JSON: [[field, type], ...] in column order (types: string, integer, decimal, text, binary, bytestring).
    fields         TEXT            NOT NULL,
    -- JSON: [field, ...] in primary key order.
    key_fields     TEXT            NOT NULL,
    -- 1 at creation, one more for every change of its fields.
    version        INTEGER         NOT NULL,
    created_at     ${ts}           NOT NULL,
    updated_at     ${ts}           NOT NULL,
    CONSTRAINT control_tables_family_name_key UNIQUE (family, name)
);

-- The next control table id, in its one row (id 1). Ids are never reused, even after a drop, so nothing keyed by an
-- id (a replica's statements, a reader's cache) can take a new table for an old one; the version makes concurrent
-- creations conflict on this row instead of on the id.
CREATE TABLE control_table_ids (
    id             INTEGER         NOT NULL PRIMARY KEY,
    next_id        BIGINT          NOT NULL,
    version        BIGINT          NOT NULL
);
INSERT INTO control_table_ids (id, next_id, version) VALUES (1, 1, 1);

CREATE TABLE control_writers (
    name           TEXT            NOT NULL PRIMARY KEY,
    -- A salted, slow hash of the writer's secret (the write service's format, with its parameters); never the secret.
    secret_hash    TEXT            NOT NULL,
    -- The writer's cookie: what it last stored with its mutations (its own resume position, typically).
    cookie         ${bytes}        NOT NULL,
    created_at     ${ts}           NOT NULL,
    updated_at     ${ts}           NOT NULL
);

-- Rows written per writer per period: one row per (writer, period start), counted by an atomic upsert.
CREATE TABLE control_writer_usage (
    writer         TEXT            NOT NULL REFERENCES control_writers (name) ON DELETE CASCADE,
    -- Start of the period, epoch seconds.
    bucket         BIGINT          NOT NULL,
    amount         BIGINT          NOT NULL,
    PRIMARY KEY (writer, bucket)
);

-- A writer's own rate limit, overriding the service's default.
CREATE TABLE control_writer_limits (
    writer         TEXT            NOT NULL PRIMARY KEY REFERENCES control_writers (name) ON DELETE CASCADE,
    -- Rows per period.
    amount         BIGINT          NOT NULL,
    -- The period, in milliseconds.
    period_ms      BIGINT          NOT NULL
);

-- A table's own size limits in bytes, overriding the service's defaults.
CREATE TABLE control_table_limits (
    table_id       BIGINT          NOT NULL PRIMARY KEY REFERENCES control_tables (id) ON DELETE CASCADE,
    warn_size      BIGINT          NOT NULL,
    max_size       BIGINT          NOT NULL
);
