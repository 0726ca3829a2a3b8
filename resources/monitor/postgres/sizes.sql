-- Sizes on disk: this database, and every database the role may connect to (the size of
-- the others cannot be read without CONNECT). Costs a directory walk per database, so
-- Strata reads it every few refreshes, not every second. No parameters. One row.
SELECT pg_database_size(current_database()) AS database_size,
       sum(pg_database_size(d.oid)) FILTER (WHERE has_database_privilege(d.oid, 'CONNECT'))::bigint AS server_size,
       count(*) AS databases,
       count(*) FILTER (WHERE NOT has_database_privilege(d.oid, 'CONNECT')) AS databases_hidden
FROM pg_database AS d
WHERE d.datallowconn
