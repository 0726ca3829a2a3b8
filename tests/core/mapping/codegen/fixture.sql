-- The schema strata-migrate codegen reads at build time (tests/core/mapping/CMakeLists.txt):
-- awkward names, every flag the generator emits, a composite key, an implied foreign key.
CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    born DATE,
    rating REAL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT 1
);
CREATE TABLE "book items" (
    "Item ID" INTEGER PRIMARY KEY AUTOINCREMENT,
    "class" TEXT NOT NULL,
    "prix €" REAL,
    auteur INTEGER NOT NULL REFERENCES authors ON DELETE CASCADE,
    "2nd title" TEXT,
    payload BLOB,
    created TIMESTAMP NOT NULL DEFAULT '2024-01-02T03:04:05.000Z',
    CHECK ("prix €" >= 0)
);
CREATE INDEX "ix_book items_class" ON "book items" ("class");
CREATE TABLE enrollment (
    student INTEGER NOT NULL,
    course TEXT NOT NULL,
    at TIME,
    PRIMARY KEY (student, course),
    UNIQUE (course, at)
);
