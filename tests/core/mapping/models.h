#pragma once

// Mapped structs shared by the mapping tests: the books of the brief, every column type,
// a composite key, and the tutorials' Artist/Track and User/Address relationships.

#include "mapping/mapping.h"

#include <QJsonArray>

namespace models {

struct Author {
    qint64 id = 0;
    QString name;
};

struct Book {
    qint64 id = 0;
    QString title;
    std::optional<int> pages;
    QDate published;
    std::optional<double> price;
    qint64 authorId = 0;
};

enum class Colour { Red, Green, Blue };

struct AllTypes {
    qint64 id = 0;
    int i = 0;
    short s = 0;
    qint64 big = 0;
    double d = 0;
    bool b = false;
    QString text;
    QByteArray blob;
    QDate date;
    QTime time;
    QDateTime ts;
    QJsonObject object;
    QJsonDocument document;
    Colour colour = Colour::Red;
    std::optional<int> oi;
    std::optional<QString> otext;
    std::optional<QByteArray> oblob;
    std::optional<QDateTime> ots;
    std::optional<bool> ob;
    std::optional<QDate> odate;
};

struct Enrollment {
    QString student;
    int course = 0;
    std::optional<int> grade;
};

struct Tag {   // a text primary key
    QString code;
    QString label;
};

struct Track;
struct Artist {
    qint64 id = 0;
    QString name;
    std::vector<std::shared_ptr<Track>> tracks;
};
struct Track {
    qint64 id = 0;
    QString title;
    qint64 artistId = 0;
    std::weak_ptr<Artist> artist;   // back-reference: weak (the artist's tracks own the tracks)
};

struct Address;
struct User {
    qint64 id = 0;
    QString name;
    std::vector<std::shared_ptr<Address>> addresses;
};
struct Address {
    qint64 id = 0;
    QString email;
    std::optional<qint64> userId;
    std::weak_ptr<User> user;   // back-reference: weak
};

/// A table that refers to itself: a tree of categories.
struct Category {
    qint64 id = 0;
    QString name;
    std::optional<qint64> parentId;
    std::weak_ptr<Category> parent;   // back-reference: weak
    std::vector<std::shared_ptr<Category>> children;
};

} // namespace models

namespace strata::mapping {

template <> struct Mapping<models::Author> {
    static auto table()
    {
        using models::Author;
        return Table<Author>("authors")
            .column(&Author::id, "id", PrimaryKey | AutoIncrement)
            .column(&Author::name, "name", Unique);
    }
};

template <> struct Mapping<models::Book> {
    static auto table()
    {
        using models::Book;
        return Table<Book>("books")
            .column(&Book::id, "id", PrimaryKey | AutoIncrement)
            .column(&Book::title, "title")
            .column(&Book::pages, "pages")
            .column(&Book::published, "published")
            .column(&Book::price, "price")
            .column(&Book::authorId, "author_id")
            .foreignKey(&Book::authorId, "authors", "id", OnDelete::Cascade)
            .check("pages_positive", "pages > 0")
            .index({"title"});
    }
};

template <> struct Mapping<models::AllTypes> {
    static auto table()
    {
        using models::AllTypes;
        return Table<AllTypes>("all_types")
            .column(&AllTypes::id, "id", PrimaryKey | AutoIncrement)
            .column(&AllTypes::i, "i")
            .column(&AllTypes::s, "s")
            .column(&AllTypes::big, "big")
            .column(&AllTypes::d, "d")
            .column(&AllTypes::b, "b")
            .column(&AllTypes::text, "text")
            .column(&AllTypes::blob, "blob")
            .column(&AllTypes::date, "date")
            .column(&AllTypes::time, "time")
            .column(&AllTypes::ts, "ts")
            .column(&AllTypes::object, "object")
            .column(&AllTypes::document, "document")
            .column(&AllTypes::colour, "colour")
            .column(&AllTypes::oi, "oi")
            .column(&AllTypes::otext, "otext")
            .column(&AllTypes::oblob, "oblob")
            .column(&AllTypes::ots, "ots")
            .column(&AllTypes::ob, "ob")
            .column(&AllTypes::odate, "odate")
            .serverDefault(&AllTypes::odate, "CURRENT_DATE");
    }
};

template <> struct Mapping<models::Enrollment> {
    static auto table()
    {
        using models::Enrollment;
        return Table<Enrollment>("enrollments")
            .column(&Enrollment::student, "student")
            .column(&Enrollment::course, "course")
            .column(&Enrollment::grade, "grade")
            .primaryKey({"student", "course"});
    }
};

template <> struct Mapping<models::Tag> {
    static auto table()
    {
        using models::Tag;
        return Table<Tag>("tags").column(&Tag::code, "code", PrimaryKey).column(&Tag::label, "label");
    }
};

template <> struct Mapping<models::Artist> {
    static auto table()
    {
        using namespace models;
        return Table<Artist>("artists")
            .column(&Artist::id, "id", PrimaryKey | AutoIncrement)
            .column(&Artist::name, "name")
            .hasMany(&Artist::tracks, &Track::artistId, AllCascades);
    }
};

template <> struct Mapping<models::Track> {
    static auto table()
    {
        using namespace models;
        return Table<Track>("tracks")
            .column(&Track::id, "id", PrimaryKey | AutoIncrement)
            .column(&Track::title, "title")
            .column(&Track::artistId, "artist_id")
            .foreignKey(&Track::artistId, "artists", "id", OnDelete::Cascade)
            .belongsTo(&Track::artist, &Track::artistId);
    }
};

template <> struct Mapping<models::User> {
    static auto table()
    {
        using namespace models;
        return Table<User>("users")
            .column(&User::id, "id", PrimaryKey | AutoIncrement)
            .column(&User::name, "name")
            .hasMany(&User::addresses, &Address::userId, SaveUpdate);
    }
};

template <> struct Mapping<models::Address> {
    static auto table()
    {
        using namespace models;
        return Table<Address>("addresses")
            .column(&Address::id, "id", PrimaryKey | AutoIncrement)
            .column(&Address::email, "email")
            .column(&Address::userId, "user_id")
            .foreignKey(&Address::userId, "users", "id")
            .belongsTo(&Address::user, &Address::userId);
    }
};

template <> struct Mapping<models::Category> {
    static auto table()
    {
        using models::Category;
        return Table<Category>("categories")
            .column(&Category::id, "id", PrimaryKey | AutoIncrement)
            .column(&Category::name, "name")
            .column(&Category::parentId, "parent_id")
            .foreignKey(&Category::parentId, "categories", "id", OnDelete::Cascade)
            .belongsTo(&Category::parent, &Category::parentId)
            .hasMany(&Category::children, &Category::parentId, AllCascades);
    }
};

} // namespace strata::mapping
