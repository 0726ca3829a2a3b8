-- The server at a glance, and the sessions of the server and of this database by state.
-- No parameters. One row. Client backends only (not autovacuum, walsender, background workers).
SELECT current_setting('server_version') AS version,
       current_setting('server_version_num')::int AS version_num,
       pg_postmaster_start_time() AS started,
       extract(epoch FROM clock_timestamp())::float8 AS sampled_at,
       pg_is_in_recovery() AS in_recovery,
       current_setting('max_connections')::int AS max_connections,
       current_database() AS database,
       pg_backend_pid() AS own_pid,
       count(*) AS server_total,
       count(*) FILTER (WHERE a.state = 'active') AS server_active,
       count(*) FILTER (WHERE a.state = 'idle') AS server_idle,
       count(*) FILTER (WHERE a.state LIKE 'idle in transaction%') AS server_idle_in_tx,
       count(*) FILTER (WHERE a.wait_event_type = 'Lock') AS server_waiting,
       count(*) FILTER (WHERE a.datname = current_database()) AS db_total,
       count(*) FILTER (WHERE a.datname = current_database() AND a.state = 'active') AS db_active,
       count(*) FILTER (WHERE a.datname = current_database() AND a.state = 'idle') AS db_idle,
       count(*) FILTER (WHERE a.datname = current_database() AND a.state LIKE 'idle in transaction%') AS db_idle_in_tx,
       count(*) FILTER (WHERE a.datname = current_database() AND a.wait_event_type = 'Lock') AS db_waiting
FROM pg_stat_activity AS a
WHERE a.backend_type = 'client backend'
