-- Strata demo database (SQLite).
--
-- Built on first launch by strata::demo::installDemoDatabase(), which runs this whole file
-- with sqlite3_exec inside one transaction and with PRAGMA foreign_keys=ON. So: no BEGIN or
-- COMMIT here, and nothing that cannot run inside a transaction (no VACUUM, no
-- journal_mode).
--
-- Three small stories from the Python sqlite3 and SQLAlchemy tutorials: authors and books,
-- artists and tracks, users and their addresses. Apart from the hand-written rows, data
-- is generated from word lists with recursive CTEs and arithmetic on the row number. There
-- is no random() and no 'now', so the same file comes out every time.

PRAGMA user_version = 1;

-- ---------------------------------------------------------------------------------------
-- Authors and books
-- ---------------------------------------------------------------------------------------

CREATE TABLE authors (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    born    INTEGER,
    country TEXT
);

CREATE TABLE books (
    id        INTEGER PRIMARY KEY,
    title     TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE RESTRICT,
    pages     INTEGER CHECK (pages > 0),
    published DATE,            -- ISO 8601 text, YYYY-MM-DD
    price     NUMERIC CHECK (price >= 0),
    isbn      TEXT UNIQUE
);

CREATE INDEX books_author_id_idx ON books (author_id);

INSERT INTO authors (id, name, born, country) VALUES
    (1, 'Gareth James', NULL, 'United States'),
    (2, 'Trevor Hastie', 1953, 'South Africa'),
    (3, 'Christopher Bishop', 1959, 'United Kingdom'),
    (4, 'Kevin Murphy', 1970, 'Ireland'),
    (5, 'Ian Goodfellow', 1985, 'United States');

INSERT INTO books (id, title, author_id, pages, published, price, isbn) VALUES
    (1, 'An Introduction to Statistical Learning', 1, 426, '2013-06-24', 79.99, '9781461471370'),
    (2, 'The Elements of Statistical Learning', 2, 533, '2001-08-09', 89.95, '9780387952840'),
    (3, 'Pattern Recognition and Machine Learning', 3, 738, '2006-08-17', 94.99, '9780387310732'),
    (4, 'Machine Learning: A Probabilistic Perspective', 4, 1104, '2012-08-24', 110.00, '9780262018029'),
    (5, 'Deep Learning', 5, 800, '2016-11-18', 80.00, '9780262035613');

-- 45 more authors: first names and last names paired without repeats.
INSERT INTO authors (id, name, born, country)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 44),
    first(k, w) AS (VALUES
        (0, 'Alice'), (1, 'Bruno'), (2, 'Chen'), (3, 'Dana'), (4, 'Emil'), (5, 'Fatima'),
        (6, 'Gustav'), (7, 'Hanna'), (8, 'Ivan'), (9, 'Julia'), (10, 'Kenji'), (11, 'Lena'),
        (12, 'Marco'), (13, 'Nadia'), (14, 'Oscar')),
    last(k, w) AS (VALUES
        (0, 'Andersen'), (1, 'Becker'), (2, 'Costa'), (3, 'Dubois'), (4, 'Eriksen'),
        (5, 'Fischer'), (6, 'Garcia'), (7, 'Horvath'), (8, 'Ito'), (9, 'Jansen'),
        (10, 'Kowalski'), (11, 'Larsen'), (12, 'Moreau'), (13, 'Novak'), (14, 'Okafor'),
        (15, 'Petrov'), (16, 'Quinn')),
    country(k, w) AS (VALUES
        (0, 'Denmark'), (1, 'Germany'), (2, 'Brazil'), (3, 'France'), (4, 'Norway'),
        (5, 'Austria'), (6, 'Spain'), (7, 'Hungary'), (8, 'Japan'), (9, 'Netherlands'),
        (10, 'Poland'), (11, 'Sweden'), (12, 'Canada'), (13, 'Czechia'), (14, 'Nigeria'),
        (15, 'Bulgaria'), (16, 'Ireland'))
SELECT 6 + n.i,
       first.w || ' ' || last.w,
       CASE WHEN n.i % 9 = 4 THEN NULL ELSE 1940 + (n.i * 17) % 50 END,
       country.w
FROM n
JOIN first ON first.k = n.i % 15
JOIN last ON last.k = (n.i / 15 + 5 * (n.i % 15)) % 17
JOIN country ON country.k = (n.i / 15 + 5 * (n.i % 15)) % 17
ORDER BY n.i;

-- 300 more books. Titles follow a few patterns over subject, qualifier and audience words;
-- every 17th book has no price yet, every 23rd no ISBN, every 31st no page count.
INSERT INTO books (id, title, author_id, pages, published, price, isbn)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299),
    subject(k, w) AS (VALUES
        (0, 'Linear Regression'), (1, 'Bayesian Inference'), (2, 'Neural Networks'),
        (3, 'Time Series Analysis'), (4, 'Data Visualization'), (5, 'Relational Databases'),
        (6, 'Graph Algorithms'), (7, 'Reinforcement Learning'), (8, 'Natural Language Processing'),
        (9, 'Computer Vision'), (10, 'Convex Optimization'), (11, 'Information Theory'),
        (12, 'Causal Inference'), (13, 'Monte Carlo Methods'), (14, 'Kernel Methods'),
        (15, 'Decision Trees'), (16, 'Survival Analysis'), (17, 'Experimental Design'),
        (18, 'SQL'), (19, 'Python')),
    qualifier(k, w) AS (VALUES
        (0, 'Applied'), (1, 'Practical'), (2, 'Modern'), (3, 'Essential'), (4, 'Advanced'),
        (5, 'Foundations of'), (6, 'Elements of'), (7, 'Principles of'), (8, 'Hands-On'),
        (9, 'Scalable'), (10, 'Robust')),
    audience(k, w) AS (VALUES
        (0, 'Engineers'), (1, 'Scientists'), (2, 'Beginners'), (3, 'Statisticians'),
        (4, 'Analysts'), (5, 'Economists'), (6, 'Biologists')),
    numbered(i, body) AS (
        SELECT i, printf('9798%08d', (i * 7919 + 12345) % 100000000) FROM n)
SELECT 6 + n.i,
       CASE n.i % 4
           WHEN 0 THEN qualifier.w || ' ' || subject.w
           WHEN 1 THEN subject.w || ' for ' || audience.w
           WHEN 2 THEN 'A Course in ' || subject.w
           ELSE qualifier.w || ' ' || subject.w || ', ' ||
                CASE n.i % 3 WHEN 0 THEN 'Second' WHEN 1 THEN 'Third' ELSE 'Fourth' END ||
                ' Edition'
       END,
       6 + (n.i * 7) % 45,
       CASE WHEN n.i % 31 = 30 THEN NULL ELSE 120 + (n.i * 263) % 780 END,
       date('1985-01-01', '+' || ((n.i * 4099) % 14000) || ' days'),
       CASE WHEN n.i % 17 = 16 THEN NULL ELSE round(19.99 + (n.i * 29) % 95, 2) END,
       CASE WHEN n.i % 23 = 22 THEN NULL ELSE numbered.body || (
           (10 - (  substr(numbered.body, 1, 1) + 3 * substr(numbered.body, 2, 1)
                  + substr(numbered.body, 3, 1) + 3 * substr(numbered.body, 4, 1)
                  + substr(numbered.body, 5, 1) + 3 * substr(numbered.body, 6, 1)
                  + substr(numbered.body, 7, 1) + 3 * substr(numbered.body, 8, 1)
                  + substr(numbered.body, 9, 1) + 3 * substr(numbered.body, 10, 1)
                  + substr(numbered.body, 11, 1) + 3 * substr(numbered.body, 12, 1)) % 10) % 10)
       END
FROM n
JOIN numbered ON numbered.i = n.i
JOIN subject ON subject.k = (n.i * 3) % 20
JOIN qualifier ON qualifier.k = n.i % 11
JOIN audience ON audience.k = (n.i / 4) % 7
ORDER BY n.i;

CREATE VIEW books_with_authors AS
SELECT books.id AS book_id,
       books.title,
       authors.name AS author,
       books.published,
       books.pages,
       books.price
FROM books
JOIN authors ON authors.id = books.author_id;

-- ---------------------------------------------------------------------------------------
-- Artists and tracks
-- ---------------------------------------------------------------------------------------

CREATE TABLE artists (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    country TEXT,
    formed  INTEGER
);

CREATE TABLE tracks (
    id        INTEGER PRIMARY KEY,
    artist_id INTEGER NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    album     TEXT,             -- NULL for singles
    duration  INTEGER NOT NULL CHECK (duration > 0),  -- seconds
    released  INTEGER           -- year
);

CREATE INDEX tracks_artist_id_idx ON tracks (artist_id);

-- 40 band names: "The <colour> <thing>s" and "<thing> <place>".
INSERT INTO artists (id, name, country, formed)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 39),
    colour(k, w) AS (VALUES
        (0, 'Silver'), (1, 'Crimson'), (2, 'Velvet'), (3, 'Electric'), (4, 'Midnight'),
        (5, 'Golden'), (6, 'Paper'), (7, 'Neon')),
    thing(k, w) AS (VALUES
        (0, 'Lantern'), (1, 'Harbour'), (2, 'Comet'), (3, 'Orchard'), (4, 'Signal')),
    place(k, w) AS (VALUES
        (0, 'Avenue'), (1, 'Republic'), (2, 'Motel'), (3, 'Station'), (4, 'Parade'),
        (5, 'Garden'), (6, 'Canyon'), (7, 'Express')),
    country(k, w) AS (VALUES
        (0, 'United Kingdom'), (1, 'United States'), (2, 'Sweden'), (3, 'Australia'),
        (4, 'Canada'), (5, 'Iceland'))
SELECT 1 + n.i,
       CASE WHEN n.i % 2 = 0
            THEN 'The ' || colour.w || ' ' || thing.w || 's'
            ELSE thing.w || ' ' || place.w
       END,
       CASE WHEN n.i % 13 = 12 THEN NULL ELSE country.w END,
       1962 + (n.i * 11) % 55
FROM n
JOIN colour ON colour.k = (n.i / 2) % 8
JOIN thing ON thing.k = (n.i / 2 + n.i / 16) % 5
JOIN place ON place.k = (n.i / 2) % 8
JOIN country ON country.k = n.i % 6
ORDER BY n.i;

-- Ten tracks per artist: the first nine on two albums, the tenth a single.
INSERT INTO tracks (id, artist_id, title, album, duration, released)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 399),
    word(k, w) AS (VALUES
        (0, 'Summer'), (1, 'River'), (2, 'Ghost'), (3, 'Highway'), (4, 'Glass'), (5, 'Morning'),
        (6, 'Thunder'), (7, 'Letters'), (8, 'Satellite'), (9, 'Winter'), (10, 'Diamond'),
        (11, 'Shadow'), (12, 'Ocean'), (13, 'Fire'), (14, 'Paper Moon'), (15, 'Echo')),
    pattern(k, w) AS (VALUES
        (0, '%s'), (1, '%s Song'), (2, 'Running Through the %s'), (3, 'Last %s'),
        (4, 'Love and %s'), (5, '%s (Reprise)'), (6, 'Under the %s'), (7, 'Hello %s'),
        (8, '%s Blues')),
    album(k, w) AS (VALUES
        (0, 'Northern Lights'), (1, 'Small Hours'), (2, 'Second Nature'), (3, 'Open Roads'),
        (4, 'Static'), (5, 'Long Way Home'), (6, 'Tidal'), (7, 'Blueprints'),
        (8, 'Night Drive'), (9, 'Afterglow'), (10, 'Low Tide'))
SELECT 1 + n.i,
       1 + n.i / 10,
       printf(pattern.w, word.w),
       CASE WHEN n.i % 10 = 9 THEN NULL ELSE album.w END,
       140 + (n.i * 181) % 330,
       artists.formed + 1 + (n.i % 10) / 5 * 3 + (n.i / 10) % 4
FROM n
JOIN artists ON artists.id = 1 + n.i / 10
JOIN word ON word.k = (n.i * 7 + n.i / 10) % 16
JOIN pattern ON pattern.k = (n.i + n.i / 10) % 9
JOIN album ON album.k = ((n.i / 10) * 2 + (n.i % 10) / 5) % 11
ORDER BY n.i;

CREATE VIEW tracks_with_artists AS
SELECT tracks.id AS track_id,
       artists.name AS artist,
       tracks.title,
       tracks.album,
       printf('%d:%02d', tracks.duration / 60, tracks.duration % 60) AS length,
       tracks.released
FROM tracks
JOIN artists ON artists.id = tracks.artist_id;

-- ---------------------------------------------------------------------------------------
-- Users and addresses (the SQLAlchemy ORM tutorial's user_account and address)
-- ---------------------------------------------------------------------------------------

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    fullname   TEXT,
    email      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL    -- ISO 8601, UTC, YYYY-MM-DD HH:MM:SS
);

CREATE TABLE addresses (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email_address TEXT NOT NULL,
    street        TEXT,
    city          TEXT,
    country       TEXT
);

CREATE INDEX addresses_user_id_idx ON addresses (user_id);

INSERT INTO users (id, name, fullname, email, created_at) VALUES
    (1, 'spongebob', 'Spongebob Squarepants', 'spongebob@sqlalchemy.org', '2019-05-01 08:00:00'),
    (2, 'sandy', 'Sandy Cheeks', 'sandy@sqlalchemy.org', '2019-05-01 08:05:00'),
    (3, 'patrick', 'Patrick Star', 'patrick@sqlalchemy.org', '2019-05-02 10:30:00'),
    (4, 'squidward', 'Squidward Tentacles', 'squidward@sqlalchemy.org', '2019-05-03 14:12:00'),
    (5, 'ehkrabs', 'Eugene H. Krabs', 'ehkrabs@sqlalchemy.org', '2019-05-04 09:45:00');

INSERT INTO addresses (id, user_id, email_address, street, city, country) VALUES
    (1, 1, 'spongebob@sqlalchemy.org', '124 Conch Street', 'Bikini Bottom', 'Pacific Ocean'),
    (2, 2, 'sandy@sqlalchemy.org', '1 Treedome Way', 'Bikini Bottom', 'Pacific Ocean'),
    (3, 2, 'sandy@squirrelpower.org', NULL, NULL, NULL),
    (4, 3, 'pat999@aol.com', '120 Conch Street', 'Bikini Bottom', 'Pacific Ocean');

-- 1,000 more users: 40 first names x 30 last names, each pair at most once (for a given
-- first name, i / 40 walks through all 30 last names).
INSERT INTO users (id, name, fullname, email, created_at)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999),
    first(k, w) AS (VALUES
        (0, 'James'), (1, 'Mary'), (2, 'Robert'), (3, 'Patricia'), (4, 'John'),
        (5, 'Jennifer'), (6, 'Michael'), (7, 'Linda'), (8, 'David'), (9, 'Elizabeth'),
        (10, 'William'), (11, 'Barbara'), (12, 'Richard'), (13, 'Susan'), (14, 'Joseph'),
        (15, 'Jessica'), (16, 'Thomas'), (17, 'Sarah'), (18, 'Carlos'), (19, 'Karen'),
        (20, 'Daniel'), (21, 'Lisa'), (22, 'Matthew'), (23, 'Nancy'), (24, 'Anthony'),
        (25, 'Sofia'), (26, 'Mark'), (27, 'Priya'), (28, 'Paul'), (29, 'Amara'),
        (30, 'Steven'), (31, 'Mei'), (32, 'Andrew'), (33, 'Olga'), (34, 'Joshua'),
        (35, 'Aisha'), (36, 'Kenneth'), (37, 'Ingrid'), (38, 'Kevin'), (39, 'Lucia')),
    last(k, w) AS (VALUES
        (0, 'Smith'), (1, 'Johnson'), (2, 'Williams'), (3, 'Brown'), (4, 'Jones'),
        (5, 'Miller'), (6, 'Davis'), (7, 'Wilson'), (8, 'Anderson'), (9, 'Taylor'),
        (10, 'Thomas'), (11, 'Moore'), (12, 'Martin'), (13, 'Jackson'), (14, 'Thompson'),
        (15, 'White'), (16, 'Lopez'), (17, 'Lee'), (18, 'Gonzalez'), (19, 'Harris'),
        (20, 'Clark'), (21, 'Lewis'), (22, 'Robinson'), (23, 'Walker'), (24, 'Perez'),
        (25, 'Hall'), (26, 'Young'), (27, 'Allen'), (28, 'Nguyen'), (29, 'Schmidt')),
    domain(k, w) AS (VALUES (0, 'example.com'), (1, 'example.org'), (2, 'example.net')),
    person(i, first, last, handle) AS (
        SELECT n.i, first.w, last.w, lower(first.w) || '.' || lower(last.w)
        FROM n
        JOIN first ON first.k = n.i % 40
        JOIN last ON last.k = (n.i / 40 + 7 * (n.i % 40)) % 30)
SELECT 6 + person.i,
       person.handle,
       CASE WHEN person.i % 97 = 96 THEN NULL ELSE person.first || ' ' || person.last END,
       person.handle || '@' || domain.w,
       datetime('2020-01-01 00:00:00',
                '+' || ((person.i * 1237) % 1461) || ' days',
                '+' || ((person.i * 7919) % 86400) || ' seconds')
FROM person
JOIN domain ON domain.k = person.i % 3
ORDER BY person.i;

-- Every generated user has a postal address; every third one a second, work address.
INSERT INTO addresses (user_id, email_address, street, city, country)
WITH RECURSIVE
    n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999),
    street(k, w) AS (VALUES
        (0, 'Main Street'), (1, 'Oak Avenue'), (2, 'Maple Road'), (3, 'Station Road'),
        (4, 'High Street'), (5, 'Church Lane'), (6, 'Park Avenue'), (7, 'Mill Lane'),
        (8, 'King Street'), (9, 'Elm Drive'), (10, 'Harbour View')),
    city(k, w, country) AS (VALUES
        (0, 'London', 'United Kingdom'), (1, 'Dublin', 'Ireland'), (2, 'Toronto', 'Canada'),
        (3, 'Melbourne', 'Australia'), (4, 'Berlin', 'Germany'), (5, 'Lyon', 'France'),
        (6, 'Oslo', 'Norway'), (7, 'Austin', 'United States'), (8, 'Porto', 'Portugal'),
        (9, 'Kraków', 'Poland'), (10, 'Osaka', 'Japan'), (11, 'Wellington', 'New Zealand'),
        (12, 'São Paulo', 'Brazil')),
    copies(c) AS (VALUES (0), (1))
SELECT users.id,
       CASE copies.c WHEN 0 THEN users.email
                     ELSE replace(users.name, '.', '_') || '@work.example' END,
       CASE WHEN n.i % 29 = 28 THEN NULL
            ELSE (1 + (n.i * 37 + copies.c * 11) % 240) || ' ' || street.w END,
       city.w,
       city.country
FROM n
JOIN copies ON copies.c = 0 OR n.i % 3 = 0
JOIN users ON users.id = 6 + n.i
JOIN street ON street.k = (n.i + copies.c * 5) % 11
JOIN city ON city.k = (n.i * 5 + copies.c * 3) % 13
ORDER BY n.i, copies.c;

CREATE VIEW users_with_address_count AS
SELECT users.id,
       users.name,
       users.fullname,
       count(addresses.id) AS address_count
FROM users
LEFT JOIN addresses ON addresses.user_id = users.id
GROUP BY users.id;
