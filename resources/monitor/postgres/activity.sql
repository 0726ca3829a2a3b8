-- Every backend of the server (pg_stat_activity), ages measured on the server clock.
-- The query text is cut at 2,000 characters here; querytext.sql reads it whole on demand.
-- Other roles' query, state and client are NULL or '<insufficient privilege>' without
-- pg_read_all_stats: shown as the server gives them. No parameters.
SELECT a.pid,
       a.datname,
       a.usename,
       a.application_name,
       host(a.client_addr) AS client_addr,
       a.client_port,
       a.backend_type,
       a.state,
       a.wait_event_type,
       a.wait_event,
       a.backend_start,
       a.xact_start,
       a.query_start,
       a.state_change,
       extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS xact_seconds,
       extract(epoch FROM clock_timestamp() - a.query_start)::float8 AS query_seconds,
       extract(epoch FROM clock_timestamp() - a.state_change)::float8 AS state_seconds,
       left(a.query, 2000) AS query,
       length(a.query) AS query_length,
       CASE WHEN a.wait_event_type = 'Lock' THEN array_to_string(pg_blocking_pids(a.pid), ',') END AS blocked_by
       , a.leader_pid -- @pg>=13
       , NULL::int AS leader_pid -- @pg<13
FROM pg_stat_activity AS a
ORDER BY a.pid
