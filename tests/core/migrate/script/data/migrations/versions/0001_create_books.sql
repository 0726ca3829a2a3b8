-- revision: 1975ea83b712
-- down_revision: none
-- message: create books table
-- created: 2026-11-21 10:00:00

-- +upgrade
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);

-- +downgrade
DROP TABLE books;
