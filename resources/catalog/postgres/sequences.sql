-- Sequences of one schema, with the column that owns them: deptype a = OWNED BY
-- (serial), i = identity column. Parameter: the schema name.
WITH args AS (SELECT ?::text AS nsp)
SELECT c.relname,
       format_type(s.seqtypid, NULL) AS data_type,
       owner.relname AS owner_table,
       owner.attname AS owner_column
FROM args
JOIN pg_namespace AS n ON n.nspname = args.nsp
JOIN pg_class AS c ON c.relnamespace = n.oid AND c.relkind = 'S'
JOIN pg_sequence AS s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
    SELECT t.relname, a.attname
    FROM pg_depend AS dep
    JOIN pg_class AS t ON t.oid = dep.refobjid
    JOIN pg_attribute AS a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
    WHERE dep.classid = 'pg_class'::regclass
      AND dep.objid = c.oid
      AND dep.refclassid = 'pg_class'::regclass
      AND dep.refobjsubid > 0
      AND dep.deptype IN ('a', 'i')
    LIMIT 1
) AS owner ON true
ORDER BY c.relname
