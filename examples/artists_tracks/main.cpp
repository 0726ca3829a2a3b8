// Artists and tracks: one-to-many with cascade delete, eager loading and joins.
// Usage: artists_tracks URL

#include "../common.h"

#include "mapping/mapping.h"

struct Track;
struct Artist {
    qint64 id = 0;
    QString name;
    std::vector<std::shared_ptr<Track>> tracks;
};
struct Track {
    qint64 id = 0;
    QString title;
    int seconds = 0;
    qint64 artistId = 0;
    std::weak_ptr<Artist> artist;   // back-reference: weak (the artist's tracks own the tracks)
};

template <>
struct strata::mapping::Mapping<Artist> {
    static auto table()
    {
        return Table<Artist>("artists")
            .column(&Artist::id, "id", PrimaryKey | AutoIncrement)
            .column(&Artist::name, "name")
            .hasMany(&Artist::tracks, &Track::artistId, AllCascades);   // save-update, delete, delete-orphan
    }
};

template <>
struct strata::mapping::Mapping<Track> {
    static auto table()
    {
        return Table<Track>("tracks")
            .column(&Track::id, "id", PrimaryKey | AutoIncrement)
            .column(&Track::title, "title")
            .column(&Track::seconds, "seconds")
            .column(&Track::artistId, "artist_id")
            .foreignKey(&Track::artistId, "artists", "id", OnDelete::Cascade)
            .belongsTo(&Track::artist, &Track::artistId)
            .index({"artist_id"});
    }
};

using namespace strata;
using namespace strata::mapping;

namespace {

std::shared_ptr<Artist> artist(const char *name, std::initializer_list<std::pair<const char *, int>> tracks)
{
    auto a = std::make_shared<Artist>();
    a->name = QString::fromUtf8(name);
    for (const auto &[title, seconds] : tracks)
        a->tracks.push_back(std::make_shared<Track>(Track{0, QString::fromUtf8(title), seconds, 0, {}}));
    return a;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QSqlDatabase db = example::open(app.arguments());
    if (!db.isOpen())
        return 2;
    MetaData metadata;
    metadata.add<Artist, Track>();
    EXAMPLE_CHECK(metadata.dropAll(db), "drop_all");
    EXAMPLE_CHECK(metadata.createAll(db), "create_all");

    Session session(db);
    session.add(artist("Miles Davis", {{"So What", 562}, {"Blue in Green", 337}, {"All Blues", 693}}));
    session.add(artist("Nina Simone", {{"Sinnerman", 622}, {"Feeling Good", 177}}));
    session.add(artist("Björk", {{"Jóga", 305}}));
    EXAMPLE_CHECK(session.commit(), "add with cascade");

    const auto artists = session.query<Artist>().orderBy(asc(&Artist::name)).with(&Artist::tracks).all();
    EXAMPLE_CHECK(artists, "eager load");
    for (const auto &a : *artists)
        example::out() << a->name << ": " << a->tracks.size() << " tracks\n";

    // Joins through the relationship: long tracks with their artist's name.
    const auto longOnes = session.query<Track>()
                              .join(&Track::artist)
                              .where(col(&Track::seconds) > 600)
                              .orderBy(asc(&Track::title))
                              .select(col(&Track::title), col(&Artist::name))
                              .all();
    EXAMPLE_CHECK(longOnes, "join");
    for (const auto &[title, name] : *longOnes)
        example::out() << title << " by " << name << '\n';
    EXAMPLE_EXPECT(longOnes->size() == 2);

    const auto withShort = session.query<Artist>().join(&Artist::tracks).where(col(&Track::seconds) < 200).one();
    EXAMPLE_CHECK(withShort, "join one-to-many");
    EXAMPLE_EXPECT((*withShort)->name == QStringLiteral("Nina Simone"));

    // Cascade delete: the artist's tracks go with it.
    session.remove(*withShort);
    EXAMPLE_CHECK(session.commit(), "delete with cascade");
    const auto tracks = session.query<Track>().count();
    EXAMPLE_CHECK(tracks, "count");
    example::out() << *tracks << " tracks left\n";
    EXAMPLE_EXPECT(*tracks == 4);
    return 0;
}
