-- Columns of the requested relations in table order. collation is set only when it
-- differs from the default of the type. owned_seq_* name the sequence a serial column
-- owns (deptype a), so the DDL can recreate it; they come from a CTE joined by hash,
-- since a lookup per column made the planner pick JIT compilation on big schemas.
, owned AS (
    SELECT DISTINCT ON (dep.refobjid, dep.refobjsubid)
           dep.refobjid, dep.refobjsubid, sn.nspname, sc.relname, format_type(s.seqtypid, NULL) AS data_type
    FROM pg_depend AS dep
    JOIN pg_class AS sc ON sc.oid = dep.objid AND sc.relkind = 'S'
    JOIN pg_namespace AS sn ON sn.oid = sc.relnamespace
    JOIN pg_sequence AS s ON s.seqrelid = sc.oid
    WHERE dep.classid = 'pg_class'::regclass
      AND dep.refclassid = 'pg_class'::regclass
      AND dep.deptype = 'a'
    ORDER BY dep.refobjid, dep.refobjsubid, sc.relname
)
SELECT rel.relname,
       a.attname,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
       a.attidentity::text AS attidentity,
       a.attgenerated::text AS attgenerated,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
       d.description,
       coalesce(array_position(pk.conkey, a.attnum), 0) AS pk_position,
       a.attislocal,
       owned.nspname AS owned_seq_schema,
       owned.relname AS owned_seq_name,
       owned.data_type AS owned_seq_type
FROM rel
JOIN pg_attribute AS a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation AS co ON co.oid = a.attcollation
LEFT JOIN pg_constraint AS pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'
LEFT JOIN pg_description AS d
       ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
LEFT JOIN owned ON owned.refobjid = a.attrelid AND owned.refobjsubid = a.attnum
ORDER BY rel.relname, a.attnum
