-- Foreign keys, one row per column pair. SQLite numbers them in reverse order of
-- declaration, so id DESC gives the order they were written in.
WITH args AS (SELECT ? AS schema_name, ? AS names)
SELECT s.name AS relation, fk.id, fk.seq, fk."table", fk."from", fk."to", fk.on_update, fk.on_delete
FROM args
JOIN {schema}.sqlite_schema AS s
JOIN pragma_foreign_key_list(s.name, args.schema_name) AS fk
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (args.names IS NULL OR s.name IN (SELECT value FROM json_each(args.names)))
ORDER BY s.name, fk.id DESC, fk.seq
