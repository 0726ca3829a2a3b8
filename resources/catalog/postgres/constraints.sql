-- Primary key, unique, check, exclusion and foreign key constraints of the requested
-- relations. A foreign key that references a partitioned table has hidden copies for each
-- partition of the referenced table, on the same referencing table: those are left out.
SELECT rel.relname,
       con.conname,
       con.contype::text AS contype,
       pg_get_constraintdef(con.oid, true) AS definition,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid, true) END AS check_expr,
       con.conislocal,
       (SELECT json_agg(a.attname ORDER BY k.ord)
        FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
       rn.nspname AS ref_schema,
       rc.relname AS ref_table,
       (SELECT json_agg(a.attname ORDER BY k.ord)
        FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns,
       con.confdeltype::text AS confdeltype,
       con.confupdtype::text AS confupdtype
FROM rel
JOIN pg_constraint AS con ON con.conrelid = rel.oid
LEFT JOIN pg_class AS rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace AS rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'x', 'f')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS parent
                  WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid)
ORDER BY rel.relname, position(con.contype::text IN 'pufcx'), con.conname
