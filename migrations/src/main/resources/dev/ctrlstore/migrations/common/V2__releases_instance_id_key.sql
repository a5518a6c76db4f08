-- ctrlstore schema, version 2: the key a deployment's release is checked against (version 3).
-- A deployment names its tenant, instance and release; this key lets the database check that the release belongs
-- to that same instance of that same tenant, which is what the store checks before it inserts (rules D-4a..c).
CREATE UNIQUE INDEX releases_tenant_instance_id_key ON releases (tenant_id, instance_id, id);
