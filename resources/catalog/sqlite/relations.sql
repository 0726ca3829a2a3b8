-- Tables and views of one schema. {schema} is the quoted schema name. Every query here
-- binds two parameters into the args row: the schema name, and a JSON array of relation
-- names or NULL for all (QtSql cannot bind a numbered parameter used twice).
-- pragma_table_list is read once (MATERIALIZED): joined per row it would list every
-- table again for each table, quadratic in the size of the schema.
WITH args AS (SELECT ? AS schema_name, ? AS names),
     table_list AS MATERIALIZED (
         SELECT t.name, t.wr FROM pragma_table_list AS t JOIN args ON t.schema = args.schema_name)
SELECT s.name, s.type, s.sql, coalesce(t.wr, 0) AS without_rowid
FROM args
JOIN {schema}.sqlite_schema AS s
LEFT JOIN table_list AS t ON t.name = s.name
WHERE s.type IN ('table', 'view')
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (args.names IS NULL OR s.name IN (SELECT value FROM json_each(args.names)))
ORDER BY s.name
