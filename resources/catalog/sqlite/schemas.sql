-- Databases of the connection: main, temp (only when it holds objects) and attached ones.
SELECT d.name
FROM pragma_database_list AS d
WHERE d.name <> 'temp' OR EXISTS (SELECT 1 FROM temp.sqlite_schema)
ORDER BY d.seq
