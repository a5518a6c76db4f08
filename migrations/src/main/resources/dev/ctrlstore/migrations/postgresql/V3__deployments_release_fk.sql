-- ctrlstore schema, version 3 (PostgreSQL): every deployment rolls out a release of its own instance.
-- The same constraint as sqlite/V3, which has to rebuild the table instead. ON DELETE CASCADE: releases go only
-- with their instance, which takes its deployments too; cascading here keeps that independent of trigger order.
-- release_id takes the collation of the key it references (releases.id is ${ordered_text}).
ALTER TABLE deployments ALTER COLUMN release_id TYPE ${ordered_text};
ALTER TABLE deployments ADD CONSTRAINT deployments_release_fk FOREIGN KEY (tenant_id, instance_id, release_id)
    REFERENCES releases (tenant_id, instance_id, id) ON DELETE CASCADE;
