-- The columns (name, declared type) one relation has now, in order: the cheap check that a
-- description read earlier (the object tree's) still holds. Parameters: relation, schema.
SELECT c.name, c.type FROM pragma_table_xinfo(?, ?) AS c ORDER BY c.cid
