-- Sizes and activity of one table (or materialized view). Parameters: schema, name.
-- Sizes in bytes: table = the main fork plus free space and visibility maps, toast = the
-- TOAST table with its index, total = everything including indexes.
WITH args AS (SELECT ?::text AS nsp, ?::text AS rel),
target AS (
    SELECT c.oid, c.relkind, c.reltoastrelid, c.relpages, c.reltuples
    FROM args
    JOIN pg_namespace AS n ON n.nspname = args.nsp
    JOIN pg_class AS c ON c.relnamespace = n.oid AND c.relname = args.rel
)
SELECT t.oid::bigint AS oid,
       t.relkind::text AS relkind,
       pg_table_size(t.oid) - coalesce(pg_total_relation_size(NULLIF(t.reltoastrelid, 0)), 0) AS table_size,
       pg_indexes_size(t.oid) AS indexes_size,
       coalesce(pg_total_relation_size(NULLIF(t.reltoastrelid, 0)), 0) AS toast_size,
       pg_total_relation_size(t.oid) AS total_size,
       s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       s.vacuum_count, s.autovacuum_count, s.analyze_count, s.autoanalyze_count,
       s.seq_scan, s.seq_tup_read, s.idx_scan, s.idx_tup_fetch,
       s.n_tup_ins, s.n_tup_upd, s.n_tup_del, s.n_tup_hot_upd
       , s.n_ins_since_vacuum -- @pg>=13
       , NULL::bigint AS n_ins_since_vacuum -- @pg<13
       , s.last_seq_scan, s.last_idx_scan -- @pg>=16
       , NULL::timestamptz AS last_seq_scan, NULL::timestamptz AS last_idx_scan -- @pg<16
       , t.reltuples::bigint AS estimated_rows
       , (SELECT i.indexrelid::regclass::text FROM pg_index AS i WHERE i.indrelid = t.oid AND i.indisclustered) AS clustered_index
       , t.oid < 16384 AS is_system
FROM target AS t
LEFT JOIN pg_stat_all_tables AS s ON s.relid = t.oid
