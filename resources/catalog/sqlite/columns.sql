-- Columns (generated ones included) of the chosen tables and views of one schema.
-- hidden: 0 ordinary, 1 hidden column of a virtual table, 2 generated VIRTUAL, 3 generated STORED.
WITH args AS (SELECT ? AS schema_name, ? AS names)
SELECT s.name AS relation, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
FROM args
JOIN {schema}.sqlite_schema AS s
JOIN pragma_table_xinfo(s.name, args.schema_name) AS c
WHERE s.type IN ('table', 'view')
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (args.names IS NULL OR s.name IN (SELECT value FROM json_each(args.names)))
ORDER BY s.name, c.cid
