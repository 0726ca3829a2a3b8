-- Functions (prokind f) and procedures (prokind p) of one schema; aggregates and window
-- functions are left out. Parameter: the schema name.
WITH args AS (SELECT ?::text AS nsp)
SELECT p.proname,
       pg_get_function_identity_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result_type,
       p.prokind = 'p' AS is_procedure,
       l.lanname
FROM args
JOIN pg_namespace AS n ON n.nspname = args.nsp
JOIN pg_proc AS p ON p.pronamespace = n.oid
JOIN pg_language AS l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p')
ORDER BY p.proname, arguments
