-- Ends a backend's session. Parameter: the pid. False when there is no such backend.
SELECT pg_terminate_backend(?::int)
