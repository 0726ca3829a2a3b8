-- Cancels the running query of a backend. Parameter: the pid. False when there is no such backend.
SELECT pg_cancel_backend(?::int)
