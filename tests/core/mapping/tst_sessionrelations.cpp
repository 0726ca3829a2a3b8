// Relationships through the Session against real databases: loading in both directions,
// eager loading in batched IN queries, the cascades (save-update, delete, delete-orphan), and
// a table that refers to itself (parents inserted first, children deleted first).

#include "sessiontesting.h"

using namespace sessiontesting;

class TestSessionRelations : public QObject {
    Q_OBJECT

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

    void relationships()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto miles = std::make_shared<Artist>(Artist{0, s("Miles Davis"), {}});
        for (const char *t : {"So What", "Freddie Freeloader", "Blue in Green"})
            miles->tracks.push_back(std::make_shared<Track>(Track{0, s(t), 0, {}}));
        auto nina = std::make_shared<Artist>(Artist{0, s("Nina Simone"), {}});
        nina->tracks.push_back(std::make_shared<Track>(Track{0, s("Sinnerman"), 0, {}}));
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
        QVERIFY(!(*track)->artist.lock());                                  // nothing loaded lazily
        const Status loaded = s2.load(*track, &Track::artist);
        CHECK_OK(loaded);
        QCOMPARE((*track)->artist.lock().get(), artists->at(1).get());
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
                    a->tracks.push_back(std::make_shared<Track>(Track{0, s("T%1.%2").arg(i).arg(t), 0, {}}));
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
            QVERIFY(t->artist.lock());
            QCOMPARE(t->artist.lock()->id, t->artistId);
            QCOMPARE(t->artist.lock()->name, s("A%1").arg(t->title.mid(1).section(QLatin1Char('.'), 0, 0)));
        }
        const auto firstOf5 = std::find_if(tracks->begin(), tracks->end(), [&](const auto &t) { return t->artistId == made[5]->id; });
        QVERIFY(firstOf5 != tracks->end());
        QCOMPARE((*firstOf5)->artist.lock().get(), parent->get());
    }

    void eagerLoadingNullsAndEmpty()
    {
        OPEN_DB(d);
        {
            Session session(d.db);
            auto ed = session.add(User{0, s("ed"), {}});
            session.add(User{0, s("wendy"), {}});   // no address
            ed->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@a.org"), {}, {}}));
            session.add(Address{0, s("nobody@x.org"), std::nullopt, {}});
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
        QCOMPARE(addresses->at(0)->user.lock()->name, s("ed"));
        QVERIFY(!addresses->at(1)->user.lock());   // NULL foreign key
        QCOMPARE(log.matching(s("SELECT")).size(), 3);
        QCOMPARE(log.values.back().size(), qsizetype(1));   // only the non-NULL key
        const auto users = session.query<User>().orderBy(asc(&User::name)).with(&User::addresses).all();
        CHECK_OK(users);
        QCOMPARE(users->at(0)->addresses.size(), size_t(1));
        QCOMPARE(users->at(0)->addresses[0].get(), addresses->at(0).get());
        QVERIFY(users->at(1)->addresses.empty());
        QCOMPARE(users->at(0).get(), addresses->at(0)->user.lock().get());
    }

    // Parent and child loaded both ways (the Session sets the back-reference, the parent's
    // collection holds the child) are freed once the Session and the caller's handles are
    // gone: the back-reference does not keep its parent alive (was a shared_ptr cycle).
    void loadedBothWaysAreFreed()
    {
        OPEN_DB(d);
        {
            Session session(d.db);
            auto ed = session.add(User{0, s("ed"), {}});
            ed->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@a.org"), {}, {}}));
            CHECK_OK(session.commit());
        }
        std::weak_ptr<User> user;
        std::weak_ptr<Address> address;
        {
            Session session(d.db);
            const auto addresses = session.query<Address>().with(&Address::user).all();
            CHECK_OK(addresses);
            const auto users = session.query<User>().with(&User::addresses).all();
            CHECK_OK(users);
            QCOMPARE(users->size(), size_t(1));
            QCOMPARE(users->at(0)->addresses.size(), size_t(1));
            user = users->at(0);
            address = addresses->at(0);
            // While the caller holds the child, its parent is there as long as the Session is.
            QVERIFY(addresses->at(0)->user.lock() == users->at(0));
        }
        QVERIFY(user.expired());
        QVERIFY(address.expired());
        // A child the caller keeps stays valid; so does the parent the caller keeps.
        std::shared_ptr<Address> kept;
        std::shared_ptr<User> keptUser;
        {
            Session session(d.db);
            const auto addresses = session.query<Address>().with(&Address::user).all();
            CHECK_OK(addresses);
            kept = addresses->at(0);
            keptUser = kept->user.lock();
        }
        QCOMPARE(kept->email, s("ed@a.org"));
        QVERIFY(kept->user.lock() == keptUser);
        QCOMPARE(keptUser->name, s("ed"));
    }

    void saveUpdateWithoutDeleteOrphan()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto user = std::make_shared<User>(User{0, s("ed"), {}});
        user->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@a.org"), {}, {}}));
        user->addresses.push_back(std::make_shared<Address>(Address{0, s("ed@b.org"), {}, {}}));
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

    void selfReferencingInserts()
    {
        // New parents and children of one table in one flush: parents first, each child taking
        // its parent's generated key, whether linked by hasMany or by belongsTo, whatever the
        // order of add(). A wide level goes through the bulk paths.
        OPEN_DB(d);
        Session session(d.db);
        auto root = std::make_shared<Category>(Category{0, s("Music"), {}, {}, {}});
        auto jazz = std::make_shared<Category>(Category{0, s("Jazz"), {}, {}, {}});
        auto bebop = std::make_shared<Category>(Category{0, s("Bebop"), {}, {}, {}});
        jazz->children.push_back(bebop);
        root->children.push_back(jazz);
        auto hardBop = std::make_shared<Category>(Category{0, s("Hard bop"), {}, bebop, {}});   // belongsTo only
        std::vector<std::shared_ptr<Category>> records;
        for (int i = 0; i < 250; ++i) {
            records.push_back(std::make_shared<Category>(Category{0, s("Record %1").arg(i), {}, hardBop, {}}));
            session.add(records.back());   // children added before their ancestors
        }
        session.add(hardBop);
        session.add(root);
        CHECK_OK(session.commit());
        QCOMPARE(root->parentId, std::optional<qint64>());
        QCOMPARE(jazz->parentId, std::optional<qint64>(root->id));
        QCOMPARE(bebop->parentId, std::optional<qint64>(jazz->id));
        QCOMPARE(hardBop->parentId, std::optional<qint64>(bebop->id));
        Session check(d.db);
        for (const auto &c : {root, jazz, bebop, hardBop}) {
            const auto stored = check.get<Category>(c->id);
            QVERIFY(stored.ok() && *stored);
            QCOMPARE((*stored)->name, c->name);
            QCOMPARE((*stored)->parentId, c->parentId);
        }
        QCOMPARE(*check.query<Category>().where(col(&Category::parentId) == hardBop->id).count(), qint64(250));
        for (const auto &r : records) {
            QVERIFY(r->id != 0);
            QCOMPARE(r->parentId, std::optional<qint64>(hardBop->id));
        }
    }

    void selfReferencingDeletes()
    {
        // Deleting a root cascades to every descendant; children are deleted before their
        // parents (the database's ON DELETE CASCADE would otherwise remove them first, and
        // their own DELETE would match no row). Also from a fresh session, where the
        // descendants are found by query and ordered by their foreign-key values.
        OPEN_DB(d);
        Session session(d.db);
        auto root = std::make_shared<Category>(Category{0, s("Root"), {}, {}, {}});
        auto child = std::make_shared<Category>(Category{0, s("Child"), {}, root, {}});
        auto grandchild = std::make_shared<Category>(Category{0, s("Grandchild"), {}, child, {}});
        root->children = {child};
        child->children = {grandchild};
        auto other = std::make_shared<Category>(Category{0, s("Other root"), {}, {}, {}});
        for (int i = 0; i < 3; ++i) {
            auto c = std::make_shared<Category>(Category{0, s("Other %1").arg(i), {}, other, {}});
            c->children.push_back(std::make_shared<Category>(Category{0, s("Other %1.1").arg(i), {}, {}, {}}));
            other->children.push_back(c);
        }
        session.add(root);
        session.add(other);
        CHECK_OK(session.commit());
        session.remove(root);
        CHECK_OK(session.commit());
        Session fresh(d.db);
        QCOMPARE(*fresh.query<Category>().count(), qint64(7));
        const auto stored = fresh.get<Category>(other->id);
        QVERIFY(stored.ok() && *stored);
        fresh.remove(*stored);
        CHECK_OK(fresh.commit());
        QCOMPARE(*Session(d.db).query<Category>().count(), qint64(0));
    }

    void selfJoinsUnderAliases()
    {
        // The categories whose parent is Jazz, and (category, parent) name pairs, from the
        // server: a table joined to itself under an alias.
        OPEN_DB(d);
        Session session(d.db);
        auto music = std::make_shared<Category>(Category{0, s("Music"), {}, {}, {}});
        auto jazz = std::make_shared<Category>(Category{0, s("Jazz"), {}, music, {}});
        auto rock = std::make_shared<Category>(Category{0, s("Rock"), {}, music, {}});
        for (const char *name : {"Bebop", "Swing"})
            session.add(std::make_shared<Category>(Category{0, s(name), {}, jazz, {}}));
        session.add(std::make_shared<Category>(Category{0, s("Punk"), {}, rock, {}}));
        CHECK_OK(session.commit());
        const auto parent = aliased<Category>("parent");
        const auto jazzy = session.query<Category>().join(&Category::parent, parent)
                               .where(parent(&Category::name) == s("Jazz")).orderBy(asc(&Category::name)).all();
        CHECK_OK(jazzy);
        QCOMPARE(jazzy->size(), size_t(2));
        QCOMPARE(jazzy->at(0)->name, s("Bebop"));
        QCOMPARE(jazzy->at(1)->name, s("Swing"));
        const auto grand = aliased<Category>("grand");
        const auto pairs = session.query<Category>().join(&Category::parent, parent).join(parent, &Category::parent, grand)
                               .where(grand(&Category::name) == s("Music")).orderBy(asc(&Category::name))
                               .select(col(&Category::name), parent(&Category::name)).all();
        CHECK_OK(pairs);
        QCOMPARE(pairs->size(), size_t(3));
        QCOMPARE(std::get<0>(pairs->at(0)), s("Bebop"));
        QCOMPARE(std::get<1>(pairs->at(0)), s("Jazz"));
        QCOMPARE(std::get<0>(pairs->at(1)), s("Punk"));
        QCOMPARE(std::get<1>(pairs->at(1)), s("Rock"));
        const auto child = aliased<Category>("child");
        QCOMPARE(*session.query<Category>().join(&Category::children, child).where(child(&Category::name).like(s("%o%"))).count(),
                 qint64(2));   // Music (through Rock) and Jazz (through Bebop), each counted once

        // Eager loading along the self relation, both directions, from a fresh session.
        CHECK_OK(session.commit());   // (one session per connection at a time)
        Session fresh(d.db);
        const auto tops = fresh.query<Category>().where(col(&Category::parentId).isNull()).with(&Category::children).all();
        CHECK_OK(tops);
        QCOMPARE(tops->size(), size_t(1));
        QCOMPARE(tops->front()->children.size(), size_t(2));
        const auto &children = tops->front()->children;
        QVERIFY(children[0]->id < children[1]->id);   // in key order
        QCOMPARE(QSet<QString>({children[0]->name, children[1]->name}), QSet<QString>({s("Jazz"), s("Rock")}));
        const auto leaves = fresh.query<Category>().where(col(&Category::name).in_({s("Bebop"), s("Punk")}))
                                .orderBy(asc(&Category::name)).with(&Category::parent).all();
        CHECK_OK(leaves);
        QCOMPARE(leaves->at(0)->parent.lock()->name, s("Jazz"));
        QCOMPARE(leaves->at(1)->parent.lock()->name, s("Rock"));
        QCOMPARE(leaves->at(1)->parent.lock().get(), (children[0]->name == s("Rock") ? children[0] : children[1]).get());   // one object per row
    }

    void selfReferencingCycleIsRefused()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto a = std::make_shared<Category>(Category{0, s("A"), {}, {}, {}});
        auto b = std::make_shared<Category>(Category{0, s("B"), {}, a, {}});
        a->parent = b;
        session.add(a);
        const Status cycle = session.commit();
        QVERIFY(!cycle.ok());
        QCOMPARE(cycle.error().kind, ErrorKind::Unsupported);
        QVERIFY2(cycle.error().message.contains(s("cycle")), qPrintable(cycle.error().message));
        QCOMPARE(*Session(d.db).query<Category>().count(), qint64(0));
    }
};

STRATA_TEST_MAIN(TestSessionRelations)
#include "tst_sessionrelations.moc"
