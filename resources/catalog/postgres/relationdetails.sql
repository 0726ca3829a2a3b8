-- The requested relations: the same first seven columns as relations.sql, then what the
-- DDL needs (all parents in order, partition key and bound, view text, options, server).
SELECT rel.relname,
       c.relkind::text AS relkind,
       c.reltuples::bigint AS reltuples,
       c.relispartition,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name,
       d.description,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition,
       array_to_string(c.reloptions, ', ') AS options,
       fs.srvname AS foreign_server,
       (SELECT json_agg(json_build_array(ipn.nspname, ipc.relname) ORDER BY ii.inhseqno)
        FROM pg_inherits AS ii
        JOIN pg_class AS ipc ON ipc.oid = ii.inhparent
        JOIN pg_namespace AS ipn ON ipn.oid = ipc.relnamespace
        WHERE ii.inhrelid = c.oid) AS parents
FROM rel
JOIN pg_class AS c ON c.oid = rel.oid
LEFT JOIN pg_inherits AS i ON i.inhrelid = c.oid AND i.inhseqno = 1
LEFT JOIN pg_class AS pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
LEFT JOIN pg_description AS d
       ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
LEFT JOIN pg_foreign_table AS ft ON ft.ftrelid = c.oid
LEFT JOIN pg_foreign_server AS fs ON fs.oid = ft.ftserver
ORDER BY rel.relname
