-- Triggers. tbl_name keeps the spelling of CREATE TRIGGER ... ON, which may differ in
-- case from the table's own name, hence NOCASE.
WITH args AS (SELECT ? AS schema_name, ? AS names)
SELECT s.tbl_name, s.name, s.sql
FROM args
JOIN {schema}.sqlite_schema AS s
WHERE s.type = 'trigger'
  AND (args.names IS NULL OR s.tbl_name COLLATE NOCASE IN (SELECT value FROM json_each(args.names)))
ORDER BY s.name
