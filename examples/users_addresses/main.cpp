// Users and addresses (SQLAlchemy's ORM tutorial): many-to-one and one-to-many, an explicit
// load, delete-orphan.  Usage: users_addresses URL

#include "../common.h"

#include "mapping/mapping.h"

struct Address;
struct User {
    qint64 id = 0;
    QString name;
    std::optional<QString> fullname;
    std::vector<std::shared_ptr<Address>> addresses;
};
struct Address {
    qint64 id = 0;
    QString email;
    qint64 userId = 0;
    std::weak_ptr<User> user;   // back-reference: weak
};

template <>
struct strata::mapping::Mapping<User> {
    static auto table()
    {
        return Table<User>("user_account")
            .column(&User::id, "id", PrimaryKey | AutoIncrement)
            .column(&User::name, "name", Unique)
            .column(&User::fullname, "fullname")
            .hasMany(&User::addresses, &Address::userId, SaveUpdate | Delete | DeleteOrphan);
    }
};

template <>
struct strata::mapping::Mapping<Address> {
    static auto table()
    {
        return Table<Address>("address")
            .column(&Address::id, "id", PrimaryKey | AutoIncrement)
            .column(&Address::email, "email_address")
            .column(&Address::userId, "user_id")
            .foreignKey(&Address::userId, "user_account", "id")
            .belongsTo(&Address::user, &Address::userId);
    }
};

using namespace strata;
using namespace strata::mapping;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QSqlDatabase db = example::open(app.arguments());
    if (!db.isOpen())
        return 2;
    MetaData metadata;
    metadata.add<User, Address>();
    EXAMPLE_CHECK(metadata.dropAll(db), "drop_all");
    EXAMPLE_CHECK(metadata.createAll(db), "create_all");

    Session session(db);
    auto spongebob = std::make_shared<User>(User{0, QStringLiteral("spongebob"), QStringLiteral("Spongebob Squarepants"), {}});
    spongebob->addresses.push_back(std::make_shared<Address>(Address{0, QStringLiteral("spongebob@sqlalchemy.org"), 0, {}}));
    auto sandy = std::make_shared<User>(User{0, QStringLiteral("sandy"), QStringLiteral("Sandy Cheeks"), {}});
    sandy->addresses.push_back(std::make_shared<Address>(Address{0, QStringLiteral("sandy@sqlalchemy.org"), 0, {}}));
    sandy->addresses.push_back(std::make_shared<Address>(Address{0, QStringLiteral("sandy@squirrelpower.org"), 0, {}}));
    session.add(spongebob);
    session.add(sandy);
    session.add(User{0, QStringLiteral("patrick"), std::nullopt, {}});
    EXAMPLE_CHECK(session.commit(), "add");

    // Many-to-one, loaded explicitly: no query runs behind a member access.
    const auto address = session.query<Address>().where(col(&Address::email).like(QStringLiteral("%squirrel%"))).one();
    EXAMPLE_CHECK(address, "query address");
    EXAMPLE_CHECK(session.load(*address, &Address::user), "load user");
    example::out() << (*address)->email << " belongs to " << (*address)->user.lock()->fullname.value_or(QString()) << '\n';
    EXAMPLE_EXPECT((*address)->user.lock() == sandy);   // the identity map: the same object

    // Users with an sqlalchemy.org address, through a join.
    const auto users = session.query<User>().join(&User::addresses)
                           .where(col(&Address::email).like(QStringLiteral("%sqlalchemy.org")))
                           .orderBy(asc(&User::name)).all();
    EXAMPLE_CHECK(users, "join");
    for (const auto &u : *users)
        example::out() << u->name << '\n';
    EXAMPLE_EXPECT(users->size() == 2);

    // delete-orphan: removing an address from the collection deletes it.
    sandy->addresses.erase(sandy->addresses.begin());
    EXAMPLE_CHECK(session.commit(), "orphan");
    const auto left = session.query<Address>().count();
    EXAMPLE_CHECK(left, "count");
    example::out() << *left << " addresses left\n";
    EXAMPLE_EXPECT(*left == 2);
    const auto nameless = session.query<User>().where(col(&User::fullname).is_null()).select(col(&User::name)).all();
    EXAMPLE_CHECK(nameless, "tuples");
    EXAMPLE_EXPECT(nameless->size() == 1 && std::get<0>(nameless->front()) == QStringLiteral("patrick"));
    return 0;
}
