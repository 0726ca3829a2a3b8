-- Locks of the whole server counted by lock type, database, relation, mode and whether
-- granted: the 200 largest groups, each with the number of backends, and on every row the
-- totals (all locks, all groups) so the client knows what it was not sent. No parameters.
WITH groups AS (
    SELECT l.locktype,
           d.datname,
           CASE WHEN l.relation IS NULL THEN NULL
                WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                THEN l.relation::regclass::text ELSE l.relation::text END AS relation,
           l.mode,
           l.granted,
           count(*) AS locks,
           count(DISTINCT l.pid) AS backends
    FROM pg_locks AS l
    LEFT JOIN pg_database AS d ON d.oid = l.database
    GROUP BY l.locktype, d.datname, l.database, l.relation, l.mode, l.granted
)
SELECT g.locktype, g.datname, g.relation, g.mode, g.granted, g.locks, g.backends,
       sum(g.locks) OVER ()::bigint AS total_locks,
       count(*) OVER () AS total_groups
FROM groups AS g
ORDER BY g.locks DESC, g.relation, g.mode
LIMIT 200
