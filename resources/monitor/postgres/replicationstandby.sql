-- This server is a standby: how far behind its primary it is. No parameters. One row.
SELECT extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS replay_lag,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint AS replay_bytes_behind,
       r.status AS receiver_state,
       r.sender_host
FROM (SELECT 1) AS one
LEFT JOIN pg_stat_wal_receiver AS r ON true
