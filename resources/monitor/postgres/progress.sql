-- What a maintenance command of one backend is doing now, from the pg_stat_progress_*
-- views, in common columns: command, phase, work done and total (blocks), and a detail.
-- Parameter: the pid, four times (once per view). No row: nothing reported (yet).
SELECT 'VACUUM' AS command, v.phase,
       CASE WHEN v.phase = 'vacuuming heap' THEN v.heap_blks_vacuumed ELSE v.heap_blks_scanned END AS done,
       v.heap_blks_total AS total,
       'index passes ' || v.index_vacuum_count
       || ', dead tuples ' || v.num_dead_tuples -- @pg<17
       || ', dead item ids ' || v.num_dead_item_ids || ', indexes ' || v.indexes_processed || '/' || v.indexes_total -- @pg>=17
       AS detail
FROM pg_stat_progress_vacuum AS v WHERE v.pid = ?::int
UNION ALL
SELECT c.command, c.phase, c.heap_blks_scanned, c.heap_blks_total,
       'tuples written ' || c.heap_tuples_written || ', indexes rebuilt ' || c.index_rebuild_count
FROM pg_stat_progress_cluster AS c WHERE c.pid = ?::int
UNION ALL
SELECT x.command, x.phase,
       CASE WHEN x.blocks_total > 0 THEN x.blocks_done ELSE x.tuples_done END,
       CASE WHEN x.blocks_total > 0 THEN x.blocks_total ELSE x.tuples_total END,
       'partitions ' || x.partitions_done || '/' || x.partitions_total || ', lockers ' || x.lockers_done || '/' || x.lockers_total
FROM pg_stat_progress_create_index AS x WHERE x.pid = ?::int
UNION ALL
SELECT 'ANALYZE', a.phase, a.sample_blks_scanned, a.sample_blks_total, 'child tables ' || a.child_tables_done || '/' || a.child_tables_total FROM pg_stat_progress_analyze AS a WHERE a.pid = ?::int -- @pg>=13
SELECT NULL::text, NULL::text, NULL::bigint, NULL::bigint, NULL::text WHERE ?::int IS NULL AND false -- @pg<13
