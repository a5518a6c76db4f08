-- ctrlstore schema, version 3 (SQLite): every deployment rolls out a release of its own instance.
-- The same constraint as postgresql/V3. SQLite cannot add a constraint to a table, so the table is rebuilt as its
-- manual describes (new table, copy, drop, rename, indexes); no other table refers to deployments. A deployment
-- whose release is missing fails the copy with "FOREIGN KEY constraint failed": the store never wrote one.
CREATE TABLE deployments_v3 (
    id                  ${ordered_text} NOT NULL PRIMARY KEY,
    tenant_id           ${ordered_text} NOT NULL,
    instance_id         ${ordered_text} NOT NULL,
    release_id          ${ordered_text} NOT NULL,
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
        REFERENCES instances (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT deployments_release_fk FOREIGN KEY (tenant_id, instance_id, release_id)
        REFERENCES releases (tenant_id, instance_id, id) ON DELETE CASCADE
);
INSERT INTO deployments_v3 (id, tenant_id, instance_id, release_id, state, strategy, services, service_progress,
        provider_ref, started_at, finished_at, error, initiator, created_at, updated_at, version)
    SELECT id, tenant_id, instance_id, release_id, state, strategy, services, service_progress,
        provider_ref, started_at, finished_at, error, initiator, created_at, updated_at, version
    FROM deployments;
DROP TABLE deployments;
ALTER TABLE deployments_v3 RENAME TO deployments;
CREATE INDEX deployments_tenant_instance_created_idx ON deployments (tenant_id, instance_id, created_at, id);
