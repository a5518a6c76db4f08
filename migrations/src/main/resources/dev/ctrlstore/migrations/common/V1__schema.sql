-- ctrlstore schema, version 1: the seven subsystems.
--
-- One script for SQLite and PostgreSQL. Where the dialects differ, a placeholder names the column's role and
-- db/dialect/<vendor>.conf gives its type:
--   ${ts}            a point in time with microsecond precision (SQLite: epoch microseconds; PostgreSQL: TIMESTAMPTZ)
--   ${ordered_text}  text compared by code point: ids (keyset tie-breakers) and secret keys
--   ${bytes}         binary data
--   ${serial}        a row number that grows with every insert (orders telemetry rows with equal timestamps)
-- Durations are BIGINT microseconds (*_us columns) in both dialects.
--
-- Documents that are written and read whole (specs, labels, env, metadata) are JSON in TEXT columns: TEXT beats
-- JSONB for whole-document reads and writes, and no query looks inside them. The one filter on a document, the
-- instance label selector, is served by the instance_labels table and its index instead.
--
-- Every table that belongs to a tenant has tenant_id; every list filter and keyset order has an index that starts
-- with tenant_id, and every unique key of tenant data includes it. Entity ids are TypeIDs, unique on their own.

CREATE TABLE tenants (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    external_id         TEXT            NOT NULL,
    name                TEXT            NOT NULL,
    slug                TEXT            NOT NULL,
    status              TEXT            NOT NULL,
    plan                TEXT            NOT NULL,
    quota_max_instances INTEGER         NOT NULL,
    quota_max_cpu_millis INTEGER        NOT NULL,
    quota_max_memory_mb INTEGER         NOT NULL,
    quota_max_disk_mb   INTEGER         NOT NULL,
    quota_max_domains   INTEGER         NOT NULL,
    quota_max_secrets   INTEGER         NOT NULL,
    suspended_at        ${ts},
    metadata            TEXT            NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT tenants_slug_key UNIQUE (slug)
);
-- The tenant registry is the one table above tenants: slugs and external ids are global.
CREATE UNIQUE INDEX tenants_external_id_key ON tenants (external_id) WHERE external_id <> '';
CREATE INDEX tenants_created_idx ON tenants (created_at, id);
CREATE INDEX tenants_status_created_idx ON tenants (status, created_at, id);

CREATE TABLE instances (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    name                TEXT            NOT NULL,
    slug                TEXT            NOT NULL,
    datacenter_id       TEXT            NOT NULL,
    provider_name       TEXT            NOT NULL,
    provider_ref        TEXT            NOT NULL,
    service_refs        TEXT            NOT NULL,
    region              TEXT            NOT NULL,
    state               TEXT            NOT NULL,
    kind                TEXT            NOT NULL,
    services            TEXT            NOT NULL,
    source              TEXT,
    endpoints           TEXT            NOT NULL,
    labels              TEXT            NOT NULL,
    current_release_id  TEXT,
    suspended_at        ${ts},
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT instances_tenant_slug_key UNIQUE (tenant_id, slug),
    -- The target of every child's (tenant_id, instance_id) key: a child cannot point into another tenant.
    CONSTRAINT instances_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE INDEX instances_tenant_created_idx ON instances (tenant_id, created_at, id);
CREATE INDEX instances_tenant_state_created_idx ON instances (tenant_id, state, created_at, id);
CREATE INDEX instances_tenant_provider_created_idx ON instances (tenant_id, provider_name, created_at, id);
CREATE INDEX instances_tenant_datacenter_created_idx ON instances (tenant_id, datacenter_id, created_at, id);

-- The label selector's index: one row per label of each instance, kept in step with instances.labels.
CREATE TABLE instance_labels (
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    label_key           TEXT            NOT NULL,
    label_value         TEXT            NOT NULL,
    PRIMARY KEY (tenant_id, instance_id, label_key),
    CONSTRAINT instance_labels_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX instance_labels_tenant_label_idx ON instance_labels (tenant_id, label_key, label_value, instance_id);

CREATE TABLE deployments (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    release_id          TEXT            NOT NULL,
    state               TEXT            NOT NULL,
    strategy            TEXT            NOT NULL,
    services            TEXT            NOT NULL,
    service_progress    TEXT            NOT NULL,
    provider_ref        TEXT            NOT NULL,
    started_at          ${ts},
    finished_at         ${ts},
    error               TEXT            NOT NULL,
    initiator           TEXT            NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT deployments_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deployments_tenant_instance_created_idx ON deployments (tenant_id, instance_id, created_at, id);

CREATE TABLE releases (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    release_version     INTEGER         NOT NULL,
    services            TEXT            NOT NULL,
    notes               TEXT            NOT NULL,
    commit_sha          TEXT            NOT NULL,
    active              BOOLEAN         NOT NULL,
    created_at          ${ts}           NOT NULL,
    -- Also the keyset order of listReleases (version descending, then id).
    CONSTRAINT releases_tenant_instance_version_key UNIQUE (tenant_id, instance_id, release_version),
    CONSTRAINT releases_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE health_checks (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    service_name        TEXT            NOT NULL,
    name                TEXT            NOT NULL,
    check_type          TEXT            NOT NULL,
    target              TEXT            NOT NULL,
    interval_us         BIGINT          NOT NULL,
    timeout_us          BIGINT          NOT NULL,
    retries             INTEGER         NOT NULL,
    enabled             BOOLEAN         NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT health_checks_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT health_checks_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX health_checks_tenant_instance_created_idx ON health_checks (tenant_id, instance_id, created_at, id);

CREATE TABLE health_results (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    check_id            ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    status              TEXT            NOT NULL,
    latency_us          BIGINT          NOT NULL,
    message             TEXT            NOT NULL,
    status_code         INTEGER         NOT NULL,
    checked_at          ${ts}           NOT NULL,
    CONSTRAINT health_results_check_fk FOREIGN KEY (tenant_id, check_id)
        REFERENCES health_checks (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX health_results_tenant_check_checked_idx ON health_results (tenant_id, check_id, checked_at, id);

-- Telemetry is history: no foreign key to instances, so it outlives a deleted instance until it is purged.
CREATE TABLE metrics (
    seq                 ${serial},
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    name                TEXT            NOT NULL,
    metric_type         TEXT            NOT NULL,
    metric_value        DOUBLE PRECISION NOT NULL,
    labels              TEXT            NOT NULL,
    recorded_at         ${ts}           NOT NULL
);
CREATE INDEX metrics_tenant_recorded_idx ON metrics (tenant_id, recorded_at, seq);
CREATE INDEX metrics_tenant_instance_recorded_idx ON metrics (tenant_id, instance_id, recorded_at, seq);
CREATE INDEX metrics_tenant_name_recorded_idx ON metrics (tenant_id, name, recorded_at, seq);

CREATE TABLE logs (
    seq                 ${serial},
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    level               TEXT            NOT NULL,
    message             TEXT            NOT NULL,
    -- The message lower-cased by the store (Locale.ROOT, full Unicode), so search is the same in every dialect.
    message_folded      TEXT            NOT NULL,
    fields              TEXT            NOT NULL,
    source              TEXT            NOT NULL,
    recorded_at         ${ts}           NOT NULL
);
CREATE INDEX logs_tenant_recorded_idx ON logs (tenant_id, recorded_at, seq);
CREATE INDEX logs_tenant_instance_recorded_idx ON logs (tenant_id, instance_id, recorded_at, seq);
CREATE INDEX logs_tenant_level_recorded_idx ON logs (tenant_id, level, recorded_at, seq);

CREATE TABLE spans (
    seq                 ${serial},
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    trace_id            TEXT            NOT NULL,
    span_id             TEXT            NOT NULL,
    parent_id           TEXT            NOT NULL,
    operation           TEXT            NOT NULL,
    duration_us         BIGINT          NOT NULL,
    status              TEXT            NOT NULL,
    attributes          TEXT            NOT NULL,
    recorded_at         ${ts}           NOT NULL
);
CREATE INDEX spans_tenant_recorded_idx ON spans (tenant_id, recorded_at, seq);
CREATE INDEX spans_tenant_instance_recorded_idx ON spans (tenant_id, instance_id, recorded_at, seq);
CREATE INDEX spans_tenant_trace_idx ON spans (tenant_id, trace_id, recorded_at, seq);
CREATE INDEX spans_tenant_operation_recorded_idx ON spans (tenant_id, operation, recorded_at, seq);

CREATE TABLE resource_snapshots (
    seq                 ${serial},
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    cpu_percent         DOUBLE PRECISION NOT NULL,
    memory_used_mb      BIGINT          NOT NULL,
    memory_limit_mb     BIGINT          NOT NULL,
    disk_used_mb        BIGINT          NOT NULL,
    network_in_mb       DOUBLE PRECISION NOT NULL,
    network_out_mb      DOUBLE PRECISION NOT NULL,
    recorded_at         ${ts}           NOT NULL
);
CREATE INDEX resource_snapshots_tenant_instance_recorded_idx
    ON resource_snapshots (tenant_id, instance_id, recorded_at, seq);
CREATE INDEX resource_snapshots_tenant_recorded_idx ON resource_snapshots (tenant_id, recorded_at, seq);

CREATE TABLE domains (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    hostname            TEXT            NOT NULL,
    verified            BOOLEAN         NOT NULL,
    tls_enabled         BOOLEAN         NOT NULL,
    cert_expires_at     ${ts},
    dns_target          TEXT            NOT NULL,
    verify_token        TEXT            NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    -- Per tenant: ownership is proven by DNS verification, and a global key would reveal other tenants' hostnames.
    CONSTRAINT domains_tenant_hostname_key UNIQUE (tenant_id, hostname),
    CONSTRAINT domains_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT domains_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX domains_tenant_instance_created_idx ON domains (tenant_id, instance_id, created_at, id);

CREATE TABLE routes (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    service_name        TEXT            NOT NULL,
    path                TEXT            NOT NULL,
    port                INTEGER         NOT NULL,
    protocol            TEXT            NOT NULL,
    weight              INTEGER         NOT NULL,
    strip_prefix        BOOLEAN         NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT routes_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX routes_tenant_instance_created_idx ON routes (tenant_id, instance_id, created_at, id);

CREATE TABLE certificates (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    domain_id           ${ordered_text} NOT NULL,
    issuer              TEXT            NOT NULL,
    expires_at          ${ts}           NOT NULL,
    auto_renew          BOOLEAN         NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    CONSTRAINT certificates_domain_fk FOREIGN KEY (tenant_id, domain_id)
        REFERENCES domains (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX certificates_tenant_domain_created_idx ON certificates (tenant_id, domain_id, created_at, id);

-- Secret values are stored encrypted (SecretCipher, bound to tenant|instance|key); no column holds plaintext.
CREATE TABLE secrets (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    secret_key          ${ordered_text} NOT NULL,
    secret_type         TEXT            NOT NULL,
    ciphertext          ${bytes}        NOT NULL,
    created_at          ${ts}           NOT NULL,
    updated_at          ${ts}           NOT NULL,
    version             BIGINT          NOT NULL,
    -- Also the order of list (key, by code point).
    CONSTRAINT secrets_tenant_instance_key_key UNIQUE (tenant_id, instance_id, secret_key),
    CONSTRAINT secrets_instance_fk FOREIGN KEY (tenant_id, instance_id)
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE audit_log (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    actor_id            TEXT            NOT NULL,
    actor_type          TEXT            NOT NULL,
    resource            TEXT            NOT NULL,
    resource_id         TEXT            NOT NULL,
    action              TEXT            NOT NULL,
    details             TEXT            NOT NULL,
    ip_address          TEXT            NOT NULL,
    created_at          ${ts}           NOT NULL
);
CREATE INDEX audit_log_tenant_created_idx ON audit_log (tenant_id, created_at, id);
CREATE INDEX audit_log_tenant_actor_created_idx ON audit_log (tenant_id, actor_id, created_at, id);
CREATE INDEX audit_log_tenant_resource_created_idx ON audit_log (tenant_id, resource, resource_id, created_at, id);
CREATE INDEX audit_log_tenant_action_created_idx ON audit_log (tenant_id, action, created_at, id);
