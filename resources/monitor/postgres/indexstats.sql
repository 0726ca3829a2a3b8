-- The indexes of one table: size, scans, and what makes one worth a look. Parameters:
-- schema, name. "unused": never scanned since the statistics were reset, and not backing
-- a primary key, unique or exclusion constraint (dropping those changes behaviour).
-- "duplicate_of": other indexes of the table with the same columns, operator classes,
-- collations, expressions and predicate.
WITH args AS (SELECT ?::text AS nsp, ?::text AS rel),
target AS (
    SELECT c.oid
    FROM args
    JOIN pg_namespace AS n ON n.nspname = args.nsp
    JOIN pg_class AS c ON c.relnamespace = n.oid AND c.relname = args.rel
),
idx AS (
    SELECT i.indexrelid, i.indrelid, i.indisunique, i.indisprimary, i.indisvalid, i.indisclustered,
           i.indkey::text AS k, i.indclass::text AS cls, i.indcollation::text AS coll,
           coalesce(pg_get_expr(i.indexprs, i.indrelid), '') AS exprs,
           coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS pred,
           EXISTS (SELECT 1 FROM pg_constraint AS con WHERE con.conindid = i.indexrelid
                   AND con.contype IN ('p', 'u', 'x')) AS backs_constraint
    FROM pg_index AS i
    WHERE i.indrelid = (SELECT oid FROM target)
)
SELECT ic.relname AS name,
       pg_relation_size(x.indexrelid) AS size,
       s.idx_scan,
       s.idx_tup_read,
       s.idx_tup_fetch,
       x.indisunique AS is_unique,
       x.indisprimary AS is_primary,
       x.indisvalid AS is_valid,
       x.indisclustered AS is_clustered,
       x.backs_constraint,
       coalesce(s.idx_scan, 0) = 0 AND NOT x.backs_constraint AS unused,
       (SELECT string_agg(oc.relname, ', ' ORDER BY oc.relname)
        FROM idx AS o JOIN pg_class AS oc ON oc.oid = o.indexrelid
        WHERE o.indexrelid <> x.indexrelid AND o.k = x.k AND o.cls = x.cls AND o.coll = x.coll
          AND o.exprs = x.exprs AND o.pred = x.pred) AS duplicate_of,
       pg_get_indexdef(x.indexrelid) AS definition
FROM idx AS x
JOIN pg_class AS ic ON ic.oid = x.indexrelid
LEFT JOIN pg_stat_all_indexes AS s ON s.indexrelid = x.indexrelid
ORDER BY ic.relname
