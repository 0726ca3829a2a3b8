-- Every name quick open searches in a PostgreSQL database, outside the system schemas:
-- schemas, relations (r p v m f S), their columns, functions and procedures. kind is the
-- relkind letter, 'schema', 'column', 'function' or 'procedure'; parent is a column's
-- relation. No parameters. Set-based: one pass over each catalog, whatever the size.
WITH nsp AS (
    SELECT n.oid, n.nspname
    FROM pg_namespace AS n
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp\_%'
), rel AS (
    SELECT c.oid, c.relname, c.relkind, nsp.nspname
    FROM pg_class AS c
    JOIN nsp ON nsp.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
)
SELECT 'schema' AS kind, nsp.nspname AS schema, nsp.nspname AS name, NULL::text AS parent, 0 AS part FROM nsp
UNION ALL
SELECT rel.relkind::text, rel.nspname, rel.relname, NULL, 1 FROM rel
UNION ALL
SELECT 'column', rel.nspname, a.attname, rel.relname, 2
FROM rel
JOIN pg_attribute AS a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE rel.relkind <> 'S'
UNION ALL
SELECT CASE WHEN p.prokind = 'p' THEN 'procedure' ELSE 'function' END, nsp.nspname, p.proname, NULL, 3
FROM pg_proc AS p
JOIN nsp ON nsp.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p')
ORDER BY 5, 2, 4, 3
