-- The locks of one backend, counted by lock type, relation and mode (at most 500 groups:
-- a backend holding 10,000 advisory locks is one row). Parameter: the pid.
SELECT l.locktype,
       CASE WHEN l.relation IS NULL THEN NULL
            WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            THEN l.relation::regclass::text ELSE l.relation::text END AS relation,
       l.mode,
       l.granted,
       count(*) AS locks
FROM pg_locks AS l
WHERE l.pid = ?
GROUP BY l.locktype, l.database, l.relation, l.mode, l.granted
ORDER BY count(*) DESC, 2, l.mode
LIMIT 500
