-- Indexes with their key columns (cid -2: an expression, whose text is only in ix.sql).
-- origin: 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY.
WITH args AS (SELECT ? AS schema_name, ? AS names)
SELECT s.name AS relation, il.name, il."unique", il.origin, il.partial, ix.sql,
       ii.seqno, ii.cid, ii.name AS column_name
FROM args
JOIN {schema}.sqlite_schema AS s
JOIN pragma_index_list(s.name, args.schema_name) AS il
JOIN pragma_index_xinfo(il.name, args.schema_name) AS ii
LEFT JOIN {schema}.sqlite_schema AS ix ON ix.type = 'index' AND ix.name = il.name
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND (args.names IS NULL OR s.name IN (SELECT value FROM json_each(args.names)))
  AND ii.key = 1
ORDER BY s.name, il.name, ii.seqno
