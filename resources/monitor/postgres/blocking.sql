-- The blocking graph: every backend that waits for a heavyweight lock, the backends that
-- block it (pg_blocking_pids, called only for lock waiters), and for each of them the
-- number of locks it holds. Counted by the server: whatever the number of locks, this
-- returns one row per backend involved. No parameters.
WITH waiting AS MATERIALIZED (
    SELECT a.pid, pg_blocking_pids(a.pid) AS blocked_by
    FROM pg_stat_activity AS a
    WHERE a.wait_event_type = 'Lock'
), involved AS (
    SELECT w.pid FROM waiting AS w
    UNION
    SELECT unnest(w.blocked_by) FROM waiting AS w
), locks AS MATERIALIZED (
    SELECT l.pid, l.granted, l.locktype, l.mode, l.relation, l.database
         , l.waitstart -- @pg>=14
         , NULL::timestamptz AS waitstart -- @pg<14
    FROM pg_locks AS l
    WHERE l.pid IN (SELECT i.pid FROM involved AS i)
), held AS (
    SELECT k.pid, count(*) FILTER (WHERE k.granted) AS locks_held
    FROM locks AS k GROUP BY k.pid
), awaited AS (
    SELECT DISTINCT ON (k.pid) k.pid, k.locktype, k.mode,
           CASE WHEN k.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                THEN k.relation::regclass::text ELSE k.relation::text END AS relation,
           k.waitstart
    FROM locks AS k WHERE NOT k.granted
    ORDER BY k.pid
)
SELECT i.pid,
       array_to_string(w.blocked_by, ',') AS blocked_by,
       a.usename,
       a.datname,
       a.application_name,
       a.state,
       a.wait_event_type,
       a.wait_event,
       extract(epoch FROM clock_timestamp() - coalesce(aw.waitstart, a.state_change))::float8 AS wait_seconds,
       extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS xact_seconds,
       coalesce(h.locks_held, 0) AS locks_held,
       aw.locktype AS awaited_locktype,
       aw.mode AS awaited_mode,
       aw.relation AS awaited_relation,
       left(a.query, 2000) AS query
FROM involved AS i
LEFT JOIN waiting AS w ON w.pid = i.pid
LEFT JOIN pg_stat_activity AS a ON a.pid = i.pid
LEFT JOIN held AS h ON h.pid = i.pid
LEFT JOIN awaited AS aw ON aw.pid = i.pid
ORDER BY i.pid
