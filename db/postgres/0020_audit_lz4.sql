-- 0020: audit snapshots (a ticket's is about 1,500 characters) are compressed with LZ4 instead of pglz. Each one is
-- compressed when staged, read back by the sealing trigger and compressed again in the chain (0016); pglz was a
-- twentieth of PostgreSQL's work while tickets were being created (bench/README.md, Hotline). Rows already written
-- keep their compression; PostgreSQL reads both.
ALTER TABLE sys_audit_pending ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4;
ALTER TABLE sys_audit_entry ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4;
