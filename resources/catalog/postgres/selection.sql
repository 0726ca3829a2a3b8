-- The relations a describe call asks for, as the CTE rel(oid, relname); every detail
-- query is appended to this text (and may add CTEs of its own, starting with a comma).
-- Parameters: the schema name, then the relation names as a text[] literal, or NULL for
-- every relation of the schema.
WITH args AS (SELECT ?::text AS nsp, ?::text[] AS names),
rel AS (
    SELECT c.oid, c.relname
    FROM args
    JOIN pg_namespace AS n ON n.nspname = args.nsp
    JOIN pg_class AS c ON c.relnamespace = n.oid
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND (args.names IS NULL OR c.relname = ANY (args.names))
)
