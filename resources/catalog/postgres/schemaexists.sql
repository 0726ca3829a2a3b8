-- One row when the schema exists. Parameter: the schema name.
SELECT 1 FROM pg_namespace WHERE nspname = ?::text
