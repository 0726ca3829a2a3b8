-- revision: ae1027a6acf0
-- down_revision: 1975ea83b712
-- message: add a price column
-- created: 2026-11-21 10:05:00

-- +upgrade
ALTER TABLE books ADD COLUMN price NUMERIC(10, 2);

-- +downgrade
ALTER TABLE books DROP COLUMN price;
