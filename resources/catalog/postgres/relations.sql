-- Tables, partitioned tables, views, materialized views and foreign tables of one schema.
-- Parameter: the schema name.
-- reltuples is -1 until the table is first analyzed (PostgreSQL 14 and later).
-- The parent is the first inherited-from table (for a partition: its partitioned table).
WITH args AS (SELECT ?::text AS nsp)
SELECT c.relname,
       c.relkind::text AS relkind,
       c.reltuples::bigint AS reltuples,
       c.relispartition,
       pn.nspname AS parent_schema,
       pc.relname AS parent_name,
       d.description
FROM args
JOIN pg_namespace AS n ON n.nspname = args.nsp
JOIN pg_class AS c ON c.relnamespace = n.oid
LEFT JOIN pg_inherits AS i ON i.inhrelid = c.oid AND i.inhseqno = 1
LEFT JOIN pg_class AS pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
LEFT JOIN pg_description AS d
       ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY c.relname
