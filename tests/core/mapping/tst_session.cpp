// Session, unit of work, queries and relationships against real databases: SQLite files and
// the throwaway PostgreSQL server (each test function on its own scratch database).

#include "models.h"

#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "catalog/catalogreader.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::mapping;
using namespace models;

namespace {

QString s(const char *t) { return QString::fromUtf8(t); }

struct Db {
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QString connectionName;
    QSqlDatabase db;
    ~Db()
    {
        db = QSqlDatabase();
        if (!connectionName.isEmpty())
            connection::closeDatabase(connectionName);
    }
};

struct Log {
    QStringList sql;
    QList<QVariantList> values;
    StatementObserver observer()
    {
        return [this](const QString &q, const QVariantList &v) { sql.append(q); values.append(v); };
    }
    QStringList matching(const QString &prefix) const
    {
        QStringList out;
        for (const QString &q : sql) {
            if (q.startsWith(prefix))
                out.append(q);
        }
        return out;
    }
};

MetaData allTables()
{
    MetaData meta;
    meta.add<Author, Book, AllTypes, Enrollment, Artist, Track, User, Address, Tag>();
    return meta;
}

} // namespace

// Evaluates `r` once (a commit() must not run twice to build the failure message).
#define CHECK_OK(r)                                                                                \
    do {                                                                                           \
        const auto &checked_ = (r);                                                                \
        QVERIFY2(checked_.ok(), checked_.ok() ? ""                                                 \
                                              : qPrintable(checked_.error().message + QStringLiteral(" / ") + checked_.error().sql)); \
    } while (false)

#define OPEN_DB(var)                                                                               \
    QFETCH_GLOBAL(QString, dialectName);                                                           \
    Db var;                                                                                        \
    QVERIFY(openDb(var, dialectName));                                                             \
    if (QTest::currentTestFailed())                                                                \
        return;

class TestSession : public QObject {
    Q_OBJECT

    bool openDb(Db &d, const QString &dialectName)
    {
        QString url;
        if (dialectName == s("postgresql")) {
            const QString server = test::postgresUrl();
            if (server.isEmpty()) {
                qWarning("STRATA_TEST_PG_URL is not set");
                return false;
            }
            d.pg = std::make_unique<test::ScratchPgDatabase>(server);
            url = d.pg->url();
        } else {
            url = test::tempPath(s("session-%1.db").arg(++m_counter));
        }
        auto spec = connection::parseConnectionString(url);
        if (!spec)
            return false;
        spec->profile.createIfMissing = true;
        d.connectionName = connection::uniqueConnectionName(s("mapping-test"));
        const auto opened = connection::openDatabase(spec->profile, spec->password, d.connectionName);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return false;
        }
        d.db = QSqlDatabase::database(d.connectionName, false);
        const Status created = allTables().createAll(d.db);
        if (!created)
            qWarning("%s", qPrintable(created.error().message + s(" / ") + created.error().sql));
        return created.ok();
    }

    int m_counter = 0;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("dialectName");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }

    void init()
    {
        QFETCH_GLOBAL(QString, dialectName);
        if (dialectName == s("postgresql")) {
            STRATA_REQUIRE_PG(url);
            Q_UNUSED(url);
        }
    }

    void roundTripEveryType()
    {
        OPEN_DB(d);
        AllTypes v;
        v.i = -2147483647;
        v.s = -32000;
        v.big = 9007199254740993LL;
        v.d = 0.1 + 0.2;
        v.b = true;
        v.text = s("Grüße, 世界 🚀 'quoted' \"double\"");
        v.blob = QByteArray(2 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < v.blob.size(); ++i)
            v.blob[i] = char(i * 7 % 256);
        v.date = QDate(1999, 12, 31);
        v.time = QTime(23, 59, 58, 123);
        v.ts = QDateTime(QDate(2024, 3, 31), QTime(1, 30, 0, 250), QTimeZone(QByteArray("America/New_York")));
        v.object = QJsonObject{{s("a"), 1}, {s("ü"), QJsonArray{true, s("x")}}};
        v.document = QJsonDocument(QJsonArray{1, 2, 3});
        v.colour = Colour::Blue;
        v.ots = QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone(3600 * 5 + 1800));
        v.ob = false;
        AllTypes empty;   // every optional NULL, odate left to its server default
        empty.date = QDate(2020, 2, 29);
        empty.time = QTime(0, 0);
        empty.ts = QDateTime(QDate(2020, 2, 29), QTime(0, 0), Qt::UTC);
        {
            Session session(d.db);
            session.add(v);
            session.add(empty);
            const Status c = session.commit();
            QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
        }
        Session session(d.db);
        const auto rows = session.query<AllTypes>().orderBy(asc(&AllTypes::id)).all();
        QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
        QCOMPARE(rows->size(), size_t(2));
        const AllTypes &r = *rows->at(0);
        QCOMPARE(r.i, v.i);
        QCOMPARE(r.s, v.s);
        QCOMPARE(r.big, v.big);
        QCOMPARE(r.d, v.d);
        QCOMPARE(r.b, true);
        QCOMPARE(r.text, v.text);
        QCOMPARE(r.blob.size(), v.blob.size());
        QVERIFY(r.blob == v.blob);
        QCOMPARE(r.date, v.date);
        QCOMPARE(r.time, v.time);
        QCOMPARE(r.ts, v.ts);   // the same instant, whatever the zone
        QCOMPARE(r.ts.toMSecsSinceEpoch(), v.ts.toMSecsSinceEpoch());
        QCOMPARE(r.object, v.object);
        QCOMPARE(r.document, v.document);
        QCOMPARE(r.colour, Colour::Blue);
        QVERIFY(!r.oi && !r.otext && !r.oblob);
        QCOMPARE(r.ots, v.ots);
        QCOMPARE(r.ob, std::optional<bool>(false));
        const AllTypes &e = *rows->at(1);
        QVERIFY(!e.oi && !e.otext && !e.oblob && !e.ots && !e.ob);
        QVERIFY(e.odate.has_value());   // the server default, read back
        QVERIFY(e.odate->isValid());
        QCOMPARE(e.text, QString(s("")));    // empty, not NULL
        QCOMPARE(e.blob, QByteArray());
    }

    void compositeKeys()
    {
        OPEN_DB(d);
        Session session(d.db);
        session.add(Enrollment{s("ann"), 1, 90});
        session.add(Enrollment{s("ann"), 2, std::nullopt});
        session.add(Enrollment{s("bob"), 1, 70});
        QVERIFY(session.commit().ok());
        Session other(d.db);
        const auto e = other.get<Enrollment>(QVariantList{s("ann"), 2});
        QVERIFY(e.ok() && *e);
        QCOMPARE((*e)->grade, std::optional<int>());
        (*e)->grade = 55;
        QVERIFY(other.commit().ok());
        Session third(d.db);
        QCOMPARE((*third.get<Enrollment>(QVariantList{s("ann"), 2}))->grade, std::optional<int>(55));
        QCOMPARE((*third.get<Enrollment>(QVariantList{s("bob"), 1}))->grade, std::optional<int>(70));
        QVERIFY(!*third.get<Enrollment>(QVariantList{s("bob"), 2}));
        QVERIFY(!third.get<Enrollment>(s("ann")).ok());   // one value for a two-column key
    }

    void identityMap()
    {
        OPEN_DB(d);
        Session session(d.db);
        const auto author = session.add(Author{0, s("Ursula")});
        QVERIFY(session.flush().ok());
        QVERIFY(author->id > 0);
        const auto again = session.get<Author>(author->id);
        QVERIFY(again.ok());
        QCOMPARE(again->get(), author.get());
        const auto viaQuery = session.query<Author>().where(col(&Author::name) == s("Ursula")).one();
        QCOMPARE(viaQuery->get(), author.get());
        QVERIFY(session.commit().ok());
        Log log;
        session.setStatementObserver(log.observer());
        QCOMPARE(session.get<Author>(int(author->id))->get(), author.get());   // int or qint64: same row
        QVERIFY(log.matching(s("SELECT")).isEmpty());                          // from the map, no SQL
    }

    // Integer keys (their own flat table per mapped table), text keys and composite keys: one
    // object per row through get() and queries, and the same number in two tables names two rows.
    void identityMapKeyKinds()
    {
        OPEN_DB(d);
        {
            Session session(d.db);
            session.add(Author{0, s("A")});
            session.add(Tag{s("1"), s("one")});
            session.add(Tag{s("x y"), s("text")});
            session.add(Enrollment{s("1"), 1, 10});
            session.add(Enrollment{s("1\x1f" "1"), 1, 20});   // the separator inside a text part
            CHECK_OK(session.commit());
        }
        Session session(d.db);
        const auto author = session.get<Author>(1);
        QVERIFY(author.ok() && *author);
        const auto tag = session.get<Tag>(s("1"));
        QVERIFY(tag.ok() && *tag);
        QCOMPARE((*tag)->label, s("one"));
        QCOMPARE(session.get<Author>(qlonglong(1))->get(), author->get());
        QCOMPARE(session.get<Tag>(s("1"))->get(), tag->get());
        QVERIFY(!*session.get<Tag>(s("2")));
        const auto tags = session.query<Tag>().orderBy(asc(&Tag::code)).all();
        CHECK_OK(tags);
        QCOMPARE(tags->size(), size_t(2));
        QCOMPARE(tags->front().get(), tag->get());
        const auto e1 = session.get<Enrollment>(QVariantList{s("1"), 1});
        const auto e2 = session.get<Enrollment>(QVariantList{s("1\x1f" "1"), 1});
        QVERIFY(e1.ok() && *e1 && e2.ok() && *e2);
        QVERIFY(e1->get() != e2->get());
        QCOMPARE((*e2)->grade, std::optional<int>(20));
        const auto all = session.query<Enrollment>().all();
        CHECK_OK(all);
        QCOMPARE(all->size(), size_t(2));
        QVERIFY((*all)[0].get() == e1->get() || (*all)[1].get() == e1->get());
        QCOMPARE(session.size(), 5);   // Author 1, two tags, two enrollments: nothing twice
    }

    // Objects loaded by a bulk read (the native path) are tracked like any other: only the
    // objects and columns that changed are written.
    void dirtyTrackingAfterBulkLoad()
    {
        OPEN_DB(d);
        {
            Session session(d.db);
            const auto author = session.add(Author{0, s("Bulk")});
            CHECK_OK(session.flush());
            for (int i = 0; i < 500; ++i)
                session.add(Book{0, s("B%1").arg(i), i + 1, QDate(2001, 1, 1), i / 2.0, author->id});
            const Status committed = session.commit();
            CHECK_OK(committed);
        }
        Session session(d.db);
        Log log;
        session.setStatementObserver(log.observer());
        const auto books = session.query<Book>().orderBy(asc(&Book::id)).all();
        CHECK_OK(books);
        QCOMPARE(books->size(), size_t(500));
        CHECK_OK(session.commit());
        QVERIFY(log.matching(s("UPDATE")).isEmpty());   // loaded, untouched: nothing written
        (*books)[7]->pages = std::nullopt;
        (*books)[400]->title = s("changed");
        (*books)[401]->published = QDate(2001, 1, 1);   // the same value: not a change
        CHECK_OK(session.commit());
        QCOMPARE(log.matching(s("UPDATE")), (QStringList{s(R"(UPDATE "books" SET "pages" = ? WHERE "id" = ?)"),
                                                          s(R"(UPDATE "books" SET "title" = ? WHERE "id" = ?)")}));
        QCOMPARE(session.get<Book>((*books)[400]->id)->get(), (*books)[400].get());
        Session check(d.db);
        QCOMPARE((*check.get<Book>((*books)[7]->id))->pages, std::optional<int>());
        QCOMPARE((*check.get<Book>((*books)[400]->id))->title, s("changed"));
    }

    void dirtyTracking()
    {
        OPEN_DB(d);
        Session session(d.db);
        Log log;
        session.setStatementObserver(log.observer());
        const auto author = session.add(Author{0, s("Le Guin")});
        QVERIFY(session.flush().ok());
        const auto book = session.add(Book{0, s("The Dispossessed"), 387, QDate(1974, 5, 1), 9.99, author->id});
        QVERIFY(session.commit().ok());
        log.sql.clear();
        log.values.clear();
        book->price = 12.5;
        QVERIFY(session.commit().ok());
        QCOMPARE(log.matching(s("UPDATE")), QStringList{s(R"(UPDATE "books" SET "price" = ? WHERE "id" = ?)")});
        QCOMPARE(log.values.at(log.sql.indexOf(log.matching(s("UPDATE")).first())), QVariantList({12.5, QVariant(qlonglong(book->id))}));
        log.sql.clear();
        QVERIFY(session.commit().ok());
        QVERIFY(log.matching(s("UPDATE")).isEmpty());   // nothing changed: nothing written
        book->pages = std::nullopt;
        book->title = s("The Dispossessed: An Ambiguous Utopia");
        QVERIFY(session.commit().ok());
        QCOMPARE(log.matching(s("UPDATE")), QStringList{s(R"(UPDATE "books" SET "title" = ?, "pages" = ? WHERE "id" = ?)")});
        Session fresh(d.db);
        const auto reread = fresh.get<Book>(book->id);
        QCOMPARE((*reread)->pages, std::optional<int>());
        QCOMPARE((*reread)->price, std::optional<double>(12.5));
    }

    void flushOrderFollowsForeignKeys()
    {
        OPEN_DB(d);
        Session session(d.db);
        Log log;
        session.setStatementObserver(log.observer());
        auto artist = std::make_shared<Artist>(Artist{0, s("Nina Simone"), {}});
        auto track = std::make_shared<Track>(Track{0, s("Sinnerman"), 0, artist});
        session.add(track);   // only the child: save-update cascades to its artist
        QVERIFY(session.commit().ok());
        const QStringList inserts = log.matching(s("INSERT"));
        QCOMPARE(inserts.size(), 2);
        QVERIFY(inserts[0].startsWith(s(R"(INSERT INTO "artists")")));
        QVERIFY(inserts[1].startsWith(s(R"(INSERT INTO "tracks")")));
        QCOMPARE(track->artistId, artist->id);
        log.sql.clear();
        session.remove(artist);   // delete cascade: the track goes first
        QVERIFY(session.commit().ok());
        const QStringList deletes = log.matching(s("DELETE"));
        QCOMPARE(deletes, QStringList({s(R"(DELETE FROM "tracks" WHERE "id" = ?)"), s(R"(DELETE FROM "artists" WHERE "id" = ?)")}));
        QCOMPARE(*session.query<Track>().count(), qint64(0));
    }

    void rollbackLeavesNoPartialWrites()
    {
        OPEN_DB(d);
        Session session(d.db);
        const auto author = session.add(Author{0, s("Octavia")});
        QVERIFY(session.commit().ok());
        session.add(Author{0, s("Samuel")});
        session.add(Book{0, s("Kindred"), 264, QDate(1979, 6, 1), std::nullopt, author->id});
        session.add(Author{0, s("Octavia")});   // UNIQUE violation
        const Status c = session.commit();
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Constraint);
        QVERIFY2(c.error().message.contains(s("unique"), Qt::CaseInsensitive), qPrintable(c.error().message));
        QCOMPARE(session.size(), 0);
        Session check(d.db);
        QCOMPARE(*check.query<Author>().count(), qint64(1));
        QCOMPARE(*check.query<Book>().count(), qint64(0));
    }

    void scopes()
    {
        OPEN_DB(d);
        Session session(d.db);
        {
            SessionScope scope(session);
            scope->add(Author{0, s("never")});
            QVERIFY(session.flush().ok());
        }   // not committed: rolled back
        QCOMPARE(*session.query<Author>().count(), qint64(0));
        const Status ok = sessionScope(session, [](Session &s2) {
            s2.add(Author{0, QStringLiteral("kept")});
            return Status();
        });
        QVERIFY(ok.ok());
        const Status failed = sessionScope(session, [](Session &s2) -> Status {
            s2.add(Author{0, QStringLiteral("dropped")});
            return Error(ErrorKind::Internal, QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed.ok());
        Session check(d.db);
        const auto names = check.query<Author>().select(col(&Author::name)).all();
        QCOMPARE(names->size(), size_t(1));
        QCOMPARE(std::get<0>(names->front()), s("kept"));
        QVERIFY(!session.inTransaction());
    }

    void queries()
    {
        OPEN_DB(d);
        Session session(d.db);
        const auto a = session.add(Author{0, s("A")});
        QVERIFY(session.flush().ok());
        const int pages[] = {100, 600, 700, 800, 250};
        for (int i = 0; i < 5; ++i)
            session.add(Book{0, s("Book %1").arg(i), pages[i], QDate(2000 + i, 1, 1), i == 2 ? std::optional<double>() : 10.0 + i, a->id});
        session.add(Book{0, s("ÜBER qt"), std::nullopt, QDate(2003, 6, 1), 1.0, a->id});
        QVERIFY(session.commit().ok());

        const auto top = session.query<Book>()
                             .where(col(&Book::pages) > 500 && col(&Book::published).between(QDate(2000, 6, 1), QDate(2003, 12, 31)))
                             .orderBy(desc(&Book::pages)).limit(2).all();
        QVERIFY(top.ok());
        QCOMPARE(top->size(), size_t(2));
        QCOMPARE(top->at(0)->pages, std::optional<int>(800));
        QCOMPARE(top->at(1)->pages, std::optional<int>(700));
        QCOMPARE(*session.query<Book>().where(col(&Book::price).is_null()).count(), qint64(1));
        QCOMPARE(*session.query<Book>().where(col(&Book::pages).isNull() || col(&Book::pages) < 200).count(), qint64(2));
        QCOMPARE(*session.query<Book>().where(col(&Book::title).like(s("Book%"))).count(), qint64(5));
        QCOMPARE(*session.query<Book>().where(col(&Book::title).ilike(s("%qt%"))).count(), qint64(1));
        QCOMPARE(*session.query<Book>().where(col(&Book::pages).in_({100, 250, 999})).count(), qint64(2));
        QCOMPARE(*session.query<Book>().where(col(&Book::pages).in_({})).count(), qint64(0));
        QCOMPARE(*session.query<Book>().where(col(&Book::title) != s("Book 0")).count(), qint64(5));
        const auto page = session.query<Book>().orderBy(asc(&Book::published)).limit(2).offset(1).all();
        QCOMPARE(page->at(0)->title, s("Book 1"));
        QCOMPARE(page->at(1)->title, s("Book 2"));
        const auto skipped = session.query<Book>().orderBy(asc(&Book::published)).offset(5).all();
        QCOMPARE(skipped->size(), size_t(1));
        QCOMPARE((*session.query<Book>().where(col(&Book::pages) == 600).one())->title, s("Book 1"));
        QCOMPARE(session.query<Book>().where(col(&Book::pages) > 1).one().error().kind, ErrorKind::Conflict);
        QCOMPARE(session.query<Book>().where(col(&Book::pages) > 10000).one().error().kind, ErrorKind::NotFound);
        QVERIFY(!*session.query<Book>().where(col(&Book::pages) > 10000).first());
        // (NULLs sort first in a PostgreSQL DESC order, last in SQLite's: filter them out.)
        QCOMPARE((*session.query<Book>().where(col(&Book::price).isNotNull()).orderBy(desc(&Book::price)).first())->title, s("Book 4"));
        const auto tuples = session.query<Book>().where(col(&Book::pages) >= 700).orderBy(asc(&Book::pages))
                                .select(col(&Book::title), col(&Book::pages), col(&Book::price)).all();
        QVERIFY(tuples.ok());
        QCOMPARE(tuples->size(), size_t(2));
        QCOMPARE(std::get<0>(tuples->at(0)), s("Book 2"));
        QCOMPARE(std::get<1>(tuples->at(0)), std::optional<int>(700));
        QCOMPARE(std::get<2>(tuples->at(0)), std::optional<double>());
        QCOMPARE(std::get<2>(tuples->at(1)), std::optional<double>(13.0));
        // Rejected before the server: nothing is sent.
        Log log;
        session.setStatementObserver(log.observer());
        QCOMPARE(session.query<Track>().where(col(&Artist::name) == s("x")).all().error().kind, ErrorKind::Unsupported);
        QVERIFY(log.sql.isEmpty());
    }

    void relationships()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto miles = std::make_shared<Artist>(Artist{0, s("Miles Davis"), {}});
        for (const char *t : {"So What", "Freddie Freeloader", "Blue in Green"})
            miles->tracks.push_back(std::make_shared<Track>(Track{0, s(t), 0, nullptr}));
        auto nina = std::make_shared<Artist>(Artist{0, s("Nina Simone"), {}});
        nina->tracks.push_back(std::make_shared<Track>(Track{0, s("Sinnerman"), 0, nullptr}));
        session.add(miles);   // save-update cascade adds the tracks
        session.add(nina);
        QVERIFY(session.commit().ok());
        QCOMPARE(miles->tracks[1]->artistId, miles->id);

        Session s2(d.db);
        Log log;
        s2.setStatementObserver(log.observer());
        const auto artists = s2.query<Artist>().orderBy(asc(&Artist::name)).with(&Artist::tracks).all();
        QVERIFY(artists.ok());
        QCOMPARE(artists->at(0)->tracks.size(), size_t(3));
        QCOMPARE(artists->at(1)->tracks.size(), size_t(1));
        const auto track = s2.query<Track>().where(col(&Track::title) == s("Sinnerman")).one();
        CHECK_OK(track);
        QCOMPARE(track->get(), artists->at(1)->tracks[0].get());   // identity map
        QVERIFY(!(*track)->artist);                                  // nothing loaded lazily
        const Status loaded = s2.load(*track, &Track::artist);
        CHECK_OK(loaded);
        QCOMPARE((*track)->artist.get(), artists->at(1).get());
        // Joins through the relationship, both directions.
        const auto sowhat = s2.query<Track>().join(&Track::artist).where(col(&Artist::name) == s("Miles Davis"))
                                .orderBy(asc(&Track::title)).all();
        CHECK_OK(sowhat);
        QCOMPARE(sowhat->size(), size_t(3));
        const auto withSo = s2.query<Artist>().join(&Artist::tracks).where(col(&Track::title).like(s("%e%"))).all();
        CHECK_OK(withSo);
        QCOMPARE(withSo->size(), size_t(2));   // de-duplicated
        QCOMPARE(*s2.query<Artist>().join(&Artist::tracks).where(col(&Track::title).like(s("%e%"))).count(), qint64(2));
        const auto pairs = s2.query<Track>().join(&Track::artist).orderBy(asc(&Track::title))
                               .select(col(&Track::title), col(&Artist::name)).all();
        CHECK_OK(pairs);
        QCOMPARE(std::get<1>(pairs->at(0)), s("Miles Davis"));   // "Blue in Green"

        // delete-orphan: a track taken out of the collection is deleted.
        auto &tracks = artists->at(0)->tracks;
        tracks.erase(tracks.begin());
        const Status orphaned = s2.commit();
        CHECK_OK(orphaned);
        QCOMPARE(*s2.query<Track>().count(), qint64(3));
        QVERIFY(s2.commit().ok());   // one open session per connection at a time
        // delete cascade: removing an artist removes its tracks, loaded or not.
        Session s3(d.db);
        const auto simone = s3.query<Artist>().where(col(&Artist::name) == s("Nina Simone")).one();
        CHECK_OK(simone);
        s3.remove(*simone);
        const Status removed = s3.commit();
        CHECK_OK(removed);
        QCOMPARE(*s3.query<Track>().count(), qint64(2));
        QCOMPARE(*s3.query<Artist>().count(), qint64(1));
    }

    // with() / load() batch: one SELECT ... IN (...) per relationChunk() keys for all owners,
    // children in key order, objects already in the session reused, every key bound.
    void eagerLoadingBatches()
    {
        OPEN_DB(d);
        std::vector<std::shared_ptr<Artist>> made;
        {
            Session session(d.db);
            for (int i = 0; i < 2500; ++i) {
                auto a = std::make_shared<Artist>(Artist{0, s("A%1").arg(i), {}});
                for (int t = 0; t < i % 4; ++t)   // every fourth artist has no track
                    a->tracks.push_back(std::make_shared<Track>(Track{0, s("T%1.%2").arg(i).arg(t), 0, nullptr}));
                session.add(a);
                made.push_back(a);
            }
            CHECK_OK(session.commit());
        }
        Session session(d.db);
        const auto known = session.get<Track>(made[7]->tracks[1]->id);   // already in the session
        CHECK_OK(known);
        Log log;
        session.setStatementObserver(log.observer());
        const auto artists = session.query<Artist>().orderBy(asc(&Artist::id)).with(&Artist::tracks).all();
        CHECK_OK(artists);
        const int chunks = (2500 + Session::relationChunk() - 1) / Session::relationChunk();
        QCOMPARE(log.matching(s("SELECT")).size(), 1 + chunks);
        const QStringList trackSql = log.matching(s("SELECT \"id\", \"title\", \"artist_id\" FROM \"tracks\" WHERE \"artist_id\" IN (?, ?"));
        QCOMPARE(trackSql.size(), chunks);
        qsizetype bound = 0;
        for (qsizetype i = 1; i < log.values.size(); ++i)
            bound += log.values[i].size();
        QCOMPARE(bound, qsizetype(2500));   // every key a parameter, each once
        QCOMPARE(artists->size(), size_t(2500));
        for (size_t i = 0; i < made.size(); ++i) {
            const auto &loaded = artists->at(i)->tracks;
            QCOMPARE(loaded.size(), made[i]->tracks.size());
            for (size_t t = 0; t < loaded.size(); ++t) {
                QCOMPARE(loaded[t]->id, made[i]->tracks[t]->id);   // inserted in order: key order
                QCOMPARE(loaded[t]->title, made[i]->tracks[t]->title);
            }
        }
        QCOMPARE(artists->at(7)->tracks[1].get(), known->get());   // identity map: not duplicated
        // Same result as one query per owner (sampled).
        for (size_t i = 0; i < made.size(); i += 211) {
            const auto one = session.query<Track>().where(col(&Track::artistId) == made[i]->id).orderBy(asc(&Track::id)).all();
            CHECK_OK(one);
            QCOMPARE(one->size(), artists->at(i)->tracks.size());
            for (size_t t = 0; t < one->size(); ++t)
                QCOMPARE(one->at(t).get(), artists->at(i)->tracks[t].get());
        }

        CHECK_OK(session.commit());   // one open session per connection at a time

        // Many-to-one: one SELECT of the distinct parent keys not in the session yet.
        Session s2(d.db);
        const auto parent = s2.get<Artist>(made[5]->id);
        CHECK_OK(parent);
        Log log2;
        s2.setStatementObserver(log2.observer());
        const auto tracks = s2.query<Track>().with(&Track::artist).all();
        CHECK_OK(tracks);
        QCOMPARE(log2.matching(s("SELECT")).size(), 1 + 2);   // 1874 artists: 1000 + 874
        QCOMPARE(log2.values.back().size(), qsizetype(874));
        for (const auto &t : *tracks) {
            QVERIFY(t->artist);
            QCOMPARE(t->artist->id, t->artistId);
            QCOMPARE(t->artist->name, s("A%1").arg(t->title.mid(1).section(QLatin1Char('.'), 0, 0)));
        }
        const auto firstOf5 = std::find_if(tracks->begin(), tracks->end(), [&](const auto &t) { return t->artistId == made[5]->id; });
        QVERIFY(firstOf5 != tracks->end());
        QCOMPARE((*firstOf5)->artist.get(), parent->get());
    }

    void eagerLoadingNullsAndEmpty()
    {
        OPEN_DB(d);
        {
            Session session(d.db);
            auto ed = session.add(User{0, s("ed"), {}});
            session.add(User{0, s("wendy"), {}});   // no address
            ed->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@a.org"), {}, nullptr}));
            session.add(Address{0, s("nobody@x.org"), std::nullopt, nullptr});
            CHECK_OK(session.commit());
        }
        Session session(d.db);
        Log log;
        session.setStatementObserver(log.observer());
        const auto none = session.query<User>().where(col(&User::name) == s("nobody")).with(&User::addresses).all();
        CHECK_OK(none);
        QVERIFY(none->empty());
        QCOMPARE(log.matching(s("SELECT")).size(), 1);   // no keys: no IN () statement
        const auto addresses = session.query<Address>().orderBy(asc(&Address::email)).with(&Address::user).all();
        CHECK_OK(addresses);
        QCOMPARE(addresses->size(), size_t(2));
        QCOMPARE(addresses->at(0)->user->name, s("ed"));
        QVERIFY(!addresses->at(1)->user);   // NULL foreign key
        QCOMPARE(log.matching(s("SELECT")).size(), 3);
        QCOMPARE(log.values.back().size(), qsizetype(1));   // only the non-NULL key
        const auto users = session.query<User>().orderBy(asc(&User::name)).with(&User::addresses).all();
        CHECK_OK(users);
        QCOMPARE(users->at(0)->addresses.size(), size_t(1));
        QCOMPARE(users->at(0)->addresses[0].get(), addresses->at(0).get());
        QVERIFY(users->at(1)->addresses.empty());
        QCOMPARE(users->at(0).get(), addresses->at(0)->user.get());
    }

    void saveUpdateWithoutDeleteOrphan()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto user = std::make_shared<User>(User{0, s("ed"), {}});
        user->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@a.org"), {}, nullptr}));
        user->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@b.org"), {}, nullptr}));
        session.add(user);
        QVERIFY(session.commit().ok());
        const auto kept = user->addresses[1];
        QCOMPARE(kept->userId, std::optional<qint64>(user->id));
        user->addresses.pop_back();   // no delete-orphan: the address stays, its key is nulled
        QVERIFY(session.commit().ok());
        Session check(d.db);
        const auto address = check.get<Address>(kept->id);
        QVERIFY(address.ok() && *address);
        QCOMPARE((*address)->userId, std::optional<qint64>());
        QCOMPARE(*check.query<Address>().where(col(&Address::userId) == user->id).count(), qint64(1));
        // Without delete cascade, removing the user fails on the foreign key: the server's message comes back.
        const auto u = check.get<User>(user->id);
        check.remove(*u);
        const Status c = check.commit();
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Constraint);
        QVERIFY(!c.error().message.isEmpty());
    }

    // Many new rows go through the bulk paths (SQLite: multi-row INSERT ... RETURNING in
    // batches; PostgreSQL: keys from the sequence, then COPY): every object must get the key
    // of its own row, and the values (tabs, newlines, backslashes, NULLs) arrive intact.
    void bulkInsertKeysInOrder()
    {
        OPEN_DB(d);
        Session session(d.db);
        Log log;
        session.setStatementObserver(log.observer());
        auto author = session.add(Author{0, s("Bulk")});
        QVERIFY(session.flush().ok());
        std::vector<std::shared_ptr<Book>> books;
        for (int i = 0; i < 2500; ++i) {
            Book b{0, s("Book %1\t\n\\ é").arg(i), i % 7 ? std::optional<int>(i) : std::nullopt, QDate(2000, 1, 1).addDays(i),
                   i % 3 ? std::optional<double>(i / 4.0) : std::nullopt, author->id};
            books.push_back(session.add(b));
        }
        CHECK_OK(session.commit());
        if (dialectName == s("postgresql")) {
            QCOMPARE(log.matching(s("COPY \"books\"")).size(), 1);
            QCOMPARE(log.matching(s("SELECT pg_get_serial_sequence")).size(), 1);   // once, not per row
            QCOMPARE(log.matching(s("SELECT array_agg(k ORDER BY k) FROM (SELECT nextval(?)")).size(), 1);
        }
        else
            QCOMPARE(log.matching(s("INSERT INTO \"books\"")).size(), 3);   // 1000 + 1000 + 500 rows
        Session check(d.db);
        for (int i = 0; i < 2500; i += 97) {
            const auto row = check.get<Book>(books[size_t(i)]->id);
            QVERIFY(row.ok() && *row);
            QCOMPARE((*row)->title, books[size_t(i)]->title);
            QCOMPARE((*row)->pages, books[size_t(i)]->pages);
            QCOMPARE((*row)->published, books[size_t(i)]->published);
            QCOMPARE((*row)->price, books[size_t(i)]->price);
        }
        QCOMPARE(check.query<Book>().all()->size(), size_t(2500));
    }

    void createAllAndDropAll()
    {
        OPEN_DB(d);
        const MetaData meta = allTables();
        QVERIFY(meta.createAll(d.db).ok());   // IF NOT EXISTS: twice is fine
        const auto reader = catalog::CatalogReader::create(d.db.driverName() == s("QPSQL") ? dialect::DialectKind::Postgres
                                                                                            : dialect::DialectKind::Sqlite);
        const dialect::Dialect &dia = *dialectOf(d.db).value();
        for (const TableDef *t : meta.tables()) {
            const catalog::TableDetail expected = MetaData::toCatalog(dia, *t);
            const auto live = reader->describeOne(d.db, expected.relation.schema, t->name);
            QVERIFY2(live.ok(), qPrintable(t->name));
            QCOMPARE(live->primaryKey(), expected.primaryKey());
            QCOMPARE(live->columns.size(), expected.columns.size());
            for (const catalog::ColumnInfo &c : expected.columns) {
                const catalog::ColumnInfo *l = live->column(c.name);
                QVERIFY2(l, qPrintable(c.name));
                QCOMPARE(l->dataType, c.dataType);
                QCOMPARE(l->nullable, c.nullable);
            }
            QCOMPARE(live->foreignKeys.size(), expected.foreignKeys.size());
        }
        QVERIFY(meta.dropAll(d.db).ok());
        Session session(d.db);
        QVERIFY(!session.query<Book>().count().ok());   // the table is gone
        QCOMPARE(session.query<Book>().count().error().kind, ErrorKind::NotFound);
        QVERIFY(!session.inTransaction());   // the failed statement ended the transaction
    }
};

STRATA_TEST_MAIN(TestSession)
#include "tst_session.moc"
