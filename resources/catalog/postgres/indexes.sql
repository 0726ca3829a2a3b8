-- Indexes of the requested relations, one row per index. keys: a JSON array of
-- [is_expression, text] per key column (INCLUDE columns left out); an expression text
-- comes from pg_get_indexdef(oid, n, true).
-- is_constraint: the index behind a primary key, unique or exclusion constraint;
-- is_attached: a partition of a partitioned index (created with its parent).
SELECT rel.relname,
       ic.relname AS index_name,
       pg_get_indexdef(x.indexrelid) AS definition,
       x.indisunique,
       x.indisprimary,
       pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       am.amname,
       con.oid IS NOT NULL AS is_constraint,
       inh.inhrelid IS NOT NULL AS is_attached,
       (SELECT json_agg(CASE WHEN k.attnum = 0
                             THEN json_build_array(true, pg_get_indexdef(x.indexrelid, k.ord::int, true))
                             ELSE json_build_array(false, a.attname) END
                        ORDER BY k.ord)
        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
        LEFT JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE k.ord <= x.indnkeyatts) AS keys
FROM rel
JOIN pg_index AS x ON x.indrelid = rel.oid
JOIN pg_class AS ic ON ic.oid = x.indexrelid
JOIN pg_am AS am ON am.oid = ic.relam
LEFT JOIN pg_constraint AS con
       ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_inherits AS inh ON inh.inhrelid = x.indexrelid
ORDER BY rel.relname, ic.relname
