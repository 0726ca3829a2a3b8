-- Every name quick open searches in a SQLite database: tables and views of each schema
-- (main, temp, attached), then their columns. kind: table, view, virtual, column; parent:
-- a column's relation. No parameters. pragma_table_list is read once per part.
SELECT t.type AS kind, t.schema, t.name, NULL AS parent
FROM pragma_table_list AS t
WHERE t.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND t.type IN ('table', 'view', 'virtual')
UNION ALL
SELECT 'column', t.schema, c.name, t.name
FROM pragma_table_list AS t
JOIN pragma_table_xinfo(t.name, t.schema) AS c
WHERE t.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND t.type IN ('table', 'view', 'virtual')
ORDER BY 2, 4, 3
