// Generated code compiles and round-trips: fixturemapping.h was written at build time by
// `strata-migrate codegen` from a SQLite file made of codegen/fixture.sql. Here createAll
// rebuilds that schema in a fresh file, the catalog of both must agree, and rows travel
// through a Session.

#include "fixturemapping.h"

#include "catalog/catalogreader.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "mapping/metadata.h"
#include "mapping/query.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;

namespace {

QString s(const char *t) { return QString::fromUtf8(t); }

QSqlDatabase open(const QString &path, const QString &name)
{
    auto spec = connection::parseConnectionString(path);
    spec->profile.createIfMissing = true;
    if (!connection::openDatabase(spec->profile, spec->password, name))
        return {};
    return QSqlDatabase::database(name, false);
}

/// What createAll can reproduce of a table, in a comparable text form.
QStringList shape(const catalog::TableDetail &t, const QHash<QString, QStringList> &keys)
{
    QStringList out;
    for (const catalog::ColumnInfo &c : t.columns)
        out << s("column %1 %2 null=%3 default=%4 pk=%5 identity=%6")
                   .arg(c.name, c.dataType.toUpper()).arg(c.nullable).arg(c.defaultValue).arg(c.primaryKeyPosition).arg(c.isIdentity);
    for (const catalog::ForeignKeyInfo &fk : t.foreignKeys)
        out << s("fk (%1) -> %2 (%3) %4 %5")
                   .arg(fk.columns.join(u','), fk.referencedTable,
                        (fk.referencedColumns.isEmpty() ? keys.value(fk.referencedTable) : fk.referencedColumns).join(u','),
                        fk.onDelete, fk.onUpdate);
    for (const catalog::IndexInfo &i : t.indexes)
        out << s("index %1 (%2) unique=%3").arg(i.definition.isEmpty() ? s("<auto>") : i.name, i.columns.join(u',')).arg(i.unique);
    for (const catalog::ConstraintInfo &c : t.constraints)
        out << s("constraint %1 (%2) %3").arg(int(c.kind)).arg(c.columns.join(u','),
                                                                c.kind == catalog::ConstraintKind::Check ? c.expression : QString());
    out.sort();
    return out;
}

QList<catalog::TableDetail> describe(QSqlDatabase &db)
{
    const auto reader = catalog::CatalogReader::create(dialect::DialectKind::Sqlite);
    const auto tables = reader->describe(db, s("main"));
    return tables ? *tables : QList<catalog::TableDetail>();
}

} // namespace

class TestCodegenRoundTrip : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatedNamesAreValidAndKeepTheRealOnes()
    {
        const auto &book = mapping::tableDef<fixture::BookItems>();
        QCOMPARE(book.name, s("book items"));
        QCOMPARE(book.columnFor(&fixture::BookItems::prixU20ac)->name, s("prix €"));
        QCOMPARE(book.columnFor(&fixture::BookItems::class_)->name, s("class"));
        QCOMPARE(book.columnFor(&fixture::BookItems::n2ndTitle)->name, s("2nd title"));
        QCOMPARE(mapping::tableDef<fixture::Enrollment>().primaryKey(), QStringList({s("student"), s("course")}));
    }

    void createAllReproducesTheSchema()
    {
        QSqlDatabase original = open(s(STRATA_CODEGEN_FIXTURE_DB), s("codegen-original"));
        QVERIFY(original.isOpen());
        const QList<catalog::TableDetail> before = describe(original);
        QCOMPARE(before.size(), 3);

        const QString path = test::tempPath(s("codegen-roundtrip.db"));
        QFile::remove(path);
        QSqlDatabase fresh = open(path, s("codegen-fresh"));
        mapping::MetaData meta;
        meta.add<fixture::Authors, fixture::BookItems, fixture::Enrollment>();
        const auto d = mapping::dialectOf(fresh);
        QVERIFY(meta.validate(**d).ok());
        const Status created = meta.createAll(fresh);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        const QList<catalog::TableDetail> after = describe(fresh);
        QCOMPARE(after.size(), before.size());

        QHash<QString, QStringList> keys;
        for (const catalog::TableDetail &t : before)
            keys.insert(t.relation.name, t.primaryKey());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].relation.name, before[i].relation.name);
            QCOMPARE(shape(after[i], keys), shape(before[i], keys));
        }
        // The mapping's own catalog view names the same columns and types.
        const QList<catalog::TableDetail> mapped = meta.toCatalog(**d);
        for (const catalog::TableDetail &m : mapped) {
            const auto it = std::find_if(before.begin(), before.end(), [&m](const auto &t) { return t.relation.name == m.relation.name; });
            QVERIFY(it != before.end());
            QCOMPARE(m.columns.size(), it->columns.size());
            for (qsizetype c = 0; c < m.columns.size(); ++c) {
                QCOMPARE(m.columns[c].name, it->columns[c].name);
                QCOMPARE(m.columns[c].dataType, it->columns[c].dataType.toUpper());
                QCOMPARE(m.columns[c].nullable, it->columns[c].nullable);
            }
        }

        // Rows through a Session: server defaults filled in, keys read back, values intact.
        {
            mapping::Session session(fresh);
            auto author = session.add(fixture::Authors{0, s("Zoë"), QDate(1970, 5, 6), std::nullopt, std::nullopt});
            QVERIFY(session.flush().ok());
            QVERIFY(author->id > 0);
            QCOMPARE(author->active, std::optional<bool>(true));   // DEFAULT 1, read back
            fixture::BookItems item;
            item.class_ = s("fiction");
            item.prixU20ac = 12.5;
            item.auteur = author->id;
            item.n2ndTitle = s("Deux");
            item.payload = QByteArray("\x00\x01\xff", 3);
            session.add(item);
            session.add(fixture::Enrollment{7, s("math"), QTime(9, 30)});
            QVERIFY(session.commit().ok());
        }
        mapping::Session reader(fresh);
        const auto items = reader.query<fixture::BookItems>().all();
        QVERIFY(items.ok());
        QCOMPARE(items->size(), size_t(1));
        const fixture::BookItems &got = *items->front();
        QCOMPARE(got.class_, s("fiction"));
        QCOMPARE(got.prixU20ac, std::optional<double>(12.5));
        QCOMPARE(got.payload, std::optional<QByteArray>(QByteArray("\x00\x01\xff", 3)));
        QCOMPARE(got.created, std::optional<QDateTime>(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC)));
        const auto enrolled = reader.get<fixture::Enrollment>(QVariantList{7, s("math")});
        QVERIFY(enrolled.ok() && *enrolled);
        QCOMPARE((*enrolled)->at, std::optional<QTime>(QTime(9, 30)));
        // The CHECK constraint came along.
        reader.add(fixture::BookItems{0, s("x"), -1.0, got.auteur, std::nullopt, std::nullopt, std::nullopt});
        QVERIFY(!reader.commit().ok());
        original = QSqlDatabase();
        fresh = QSqlDatabase();
        connection::closeDatabase(s("codegen-original"));
        connection::closeDatabase(s("codegen-fresh"));
    }
};

STRATA_TEST_MAIN(TestCodegenRoundTrip)
#include "tst_codegenroundtrip.moc"
