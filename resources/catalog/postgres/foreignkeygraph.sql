-- The foreign-key graph of one schema, without details: one row per key, the referencing
-- relation and the referenced one with its schema. The ER diagram's neighbourhood walks it to
-- describe only the tables within N hops instead of the whole schema.
SELECT rel.relname AS relation, pn.nspname AS referenced_schema, pc.relname AS referenced_table
FROM pg_constraint AS con
JOIN pg_class AS rel ON rel.oid = con.conrelid
JOIN pg_namespace AS n ON n.oid = rel.relnamespace
JOIN pg_class AS pc ON pc.oid = con.confrelid
JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
WHERE con.contype = 'f'
  AND n.nspname = ?
