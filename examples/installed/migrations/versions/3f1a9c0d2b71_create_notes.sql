-- revision: 3f1a9c0d2b71
-- down_revision: none
-- message: create notes
-- created: 2025-05-20 12:00:00

-- +upgrade
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO notes (body) VALUES ('installed Strata works');

-- +downgrade
DROP TABLE notes;
