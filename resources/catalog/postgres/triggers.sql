-- User triggers of the requested relations. tgtype bits: 2 BEFORE, 64 INSTEAD OF (else
-- AFTER); 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE. is_clone: copied from the trigger of
-- a partitioned parent (created with it).
SELECT rel.relname,
       t.tgname,
       t.tgtype,
       pg_get_triggerdef(t.oid, true) AS definition,
       t.tgparentid <> 0 AS is_clone
FROM rel
JOIN pg_trigger AS t ON t.tgrelid = rel.oid
WHERE NOT t.tgisinternal
ORDER BY rel.relname, t.tgname
