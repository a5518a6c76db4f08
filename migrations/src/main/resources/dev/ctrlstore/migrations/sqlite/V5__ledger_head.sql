-- The ledger's one head row, with a random center id (postgresql/V5 is the same row).
INSERT INTO ledger_head (id, seq, center_id, retained_from) VALUES (1, 0, lower(hex(randomblob(16))), 1);
