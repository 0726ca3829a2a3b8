-- Schemas with owner and comment; is_system marks the ones PostgreSQL itself keeps.
SELECT n.nspname,
       pg_get_userbyid(n.nspowner) AS owner,
       d.description,
       (n.nspname IN ('pg_catalog', 'information_schema')
        OR n.nspname LIKE 'pg\_toast%'
        OR n.nspname LIKE 'pg\_temp\_%') AS is_system
FROM pg_namespace AS n
LEFT JOIN pg_description AS d
       ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
ORDER BY n.nspname
