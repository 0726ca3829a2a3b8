-- Standbys streaming from this primary, with their lag (seconds, and bytes behind the
-- current WAL position). Without pg_read_all_stats most columns read as NULL. No parameters.
SELECT r.pid,
       r.application_name,
       host(r.client_addr) AS client_addr,
       r.state,
       r.sync_state,
       extract(epoch FROM r.write_lag)::float8 AS write_lag,
       extract(epoch FROM r.flush_lag)::float8 AS flush_lag,
       extract(epoch FROM r.replay_lag)::float8 AS replay_lag,
       pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint AS replay_bytes_behind
FROM pg_stat_replication AS r
ORDER BY r.application_name, r.pid
