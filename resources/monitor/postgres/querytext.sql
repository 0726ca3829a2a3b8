-- The whole query text of one backend. Parameter: the pid.
SELECT a.query FROM pg_stat_activity AS a WHERE a.pid = ?
