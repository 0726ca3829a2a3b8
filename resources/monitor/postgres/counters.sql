-- Cumulative counters of pg_stat_database: the connected database, then the whole server
-- (every database plus the shared-objects row, datid 0). Rates are computed by Strata from
-- the difference of two samples, divided by the difference of sampled_at (server clock).
-- No parameters. Two rows: scope 'database', scope 'server'.
SELECT 'database' AS scope,
       extract(epoch FROM clock_timestamp())::float8 AS sampled_at,
       d.xact_commit, d.xact_rollback, d.blks_read, d.blks_hit,
       d.tup_returned, d.tup_fetched, d.tup_inserted, d.tup_updated, d.tup_deleted,
       d.temp_files, d.temp_bytes, d.deadlocks, d.stats_reset
FROM pg_stat_database AS d
WHERE d.datname = current_database()
UNION ALL
SELECT 'server',
       extract(epoch FROM clock_timestamp())::float8,
       sum(d.xact_commit)::bigint, sum(d.xact_rollback)::bigint, sum(d.blks_read)::bigint, sum(d.blks_hit)::bigint,
       sum(d.tup_returned)::bigint, sum(d.tup_fetched)::bigint, sum(d.tup_inserted)::bigint,
       sum(d.tup_updated)::bigint, sum(d.tup_deleted)::bigint,
       sum(d.temp_files)::bigint, sum(d.temp_bytes)::bigint, sum(d.deadlocks)::bigint, max(d.stats_reset)
FROM pg_stat_database AS d
