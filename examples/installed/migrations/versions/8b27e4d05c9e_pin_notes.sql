-- revision: 8b27e4d05c9e
-- down_revision: 3f1a9c0d2b71
-- message: pin notes
-- created: 2025-05-20 12:05:00

-- +upgrade
ALTER TABLE notes ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT 0;
CREATE INDEX notes_pinned_idx ON notes (pinned);

-- +downgrade
DROP INDEX notes_pinned_idx;
ALTER TABLE notes DROP COLUMN pinned;
