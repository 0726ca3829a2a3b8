-- Tables and views of one schema. {schema} is the quoted schema name. Every query here
-- binds two parameters into the args row: the schema name, and a JSON array of relation
-- names or NULL for all (QtSql cannot bind a numbered parameter used twice).
WITH args AS (SELECT ? AS schema_name, ? AS names)
SELECT s.name, s.type, s.sql, coalesce(t.wr, 0) AS without_rowid
FROM args
JOIN {schema}.sqlite_schema AS s
LEFT JOIN pragma_table_list AS t ON t.schema = args.schema_name AND t.name = s.name
WHERE s.type IN ('table', 'view')
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (args.names IS NULL OR s.name IN (SELECT value FROM json_each(args.names)))
ORDER BY s.name
