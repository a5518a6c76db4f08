-- The ledger's one head row, with a random center id (sqlite/V5 is the same row).
INSERT INTO ledger_head (id, seq, center_id, retained_from) VALUES (1, 0, replace(gen_random_uuid()::text, '-', ''), 1);
