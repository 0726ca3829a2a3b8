#include "catalog/catalogreader.h"
#include "catalog/sqlitecreateparser.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::catalog;
using namespace Qt::StringLiterals;

namespace {

const QString kOdd = QString::fromUtf8("My Table \"quoted\" \u2615");
const QString kWert = QString::fromUtf8("Wert \u2615");

QStringList fixture()
{
    return {
        QStringLiteral("CREATE TABLE authors (\n"
                       "    id INTEGER PRIMARY KEY,\n"
                       "    name TEXT NOT NULL,\n"
                       "    email TEXT COLLATE NOCASE,\n"
                       "    CONSTRAINT authors_email_key UNIQUE (email)\n"
                       ")"),
        QStringLiteral("CREATE TABLE books (\n"
                       "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                       "    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE ON UPDATE RESTRICT,\n"
                       "    title VARCHAR(200) NOT NULL DEFAULT 'untitled',\n"
                       "    price NUMERIC(10,2) CONSTRAINT price_positive CHECK (price > 0),\n"
                       "    published DATE, -- a comment, with a ( and a 'quote\n"
                       "    title_lower TEXT GENERATED ALWAYS AS (lower(title)) VIRTUAL,\n"
                       "    price_cents INTEGER AS (CAST(price * 100 AS INTEGER)) STORED,\n"
                       "    CHECK (published IS NULL OR published >= '1450-01-01')\n"
                       ")"),
        QStringLiteral("CREATE INDEX books_published_idx ON books (published) WHERE published IS NOT NULL"),
        QStringLiteral("CREATE INDEX books_title_lower_idx ON books (lower(title), author_id DESC)"),
        QStringLiteral("CREATE VIEW book_titles AS SELECT b.title, a.name AS author\n"
                       "FROM books AS b JOIN authors AS a ON a.id = b.author_id"),
        QStringLiteral("CREATE TRIGGER books_touch AFTER UPDATE OF title ON books\n"
                       "BEGIN UPDATE books SET published = published WHERE id = NEW.id; END"),
        // ON spelled in another case than the table: still the trigger of books.
        QStringLiteral("CREATE TRIGGER \"Books audit\" DELETE ON BOOKS BEGIN SELECT 1; END"),
        QStringLiteral("CREATE TRIGGER book_titles_insert INSTEAD OF INSERT ON book_titles BEGIN SELECT 1; END"),
        QStringLiteral("CREATE TABLE \"My Table \"\"quoted\"\" \u2615\" (\n"
                       "    \"Id Col\" TEXT NOT NULL,\n"
                       "    \"Wert \u2615\" INTEGER DEFAULT -1,\n"
                       "    [sp ace] TEXT,\n"
                       "    PRIMARY KEY (\"Id Col\"),\n"
                       "    CONSTRAINT \"odd check\" CHECK (\"Wert \u2615\" <> 0 AND [sp ace] <> 'it''s ) tricky')\n"
                       ")"),
        QStringLiteral("CREATE INDEX \"idx \"\"odd\"\"\" ON \"My Table \"\"quoted\"\" \u2615\" (\"Wert \u2615\")"),
        QStringLiteral("CREATE TABLE log_entries (message TEXT, level INTEGER)"),
        QStringLiteral("CREATE TABLE enrolment (student_id INTEGER, course_id INTEGER, grade TEXT,\n"
                       "    PRIMARY KEY (course_id, student_id))"),
        QStringLiteral("CREATE TABLE grades_audit (course_id INTEGER, student_id INTEGER,\n"
                       "    CONSTRAINT audit_enrolment_fk FOREIGN KEY (course_id, student_id) REFERENCES enrolment ON DELETE SET NULL)"),
        QStringLiteral("CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE desc_key (id INTEGER PRIMARY KEY DESC, v TEXT)"),
        QStringLiteral("CREATE TABLE gone (x)"),
        QStringLiteral("CREATE VIEW broken AS SELECT x FROM gone"),
        QStringLiteral("DROP TABLE gone"),
        QStringLiteral("CREATE TEMP TABLE scratch (x INTEGER NOT NULL)"),
    };
}

} // namespace

class TestSqliteCatalogReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void parser();
    void schemas();
    void objects();
    void columns();
    void rowidAlias();
    void indexes();
    void foreignKeys();
    void constraints();
    void triggers();
    void view();
    void awkwardNames();
    void selectionAndNotFound();
    void tempAndAttached();
    void ddlRecreates();
    void queryCount();

private:
    TableDetail describe(const QString &name, const QString &schema = QStringLiteral("main"));

    QSqlDatabase m_db;
    std::unique_ptr<CatalogReader> m_reader = CatalogReader::create(dialect::DialectKind::Sqlite);
};

void TestSqliteCatalogReader::initTestCase()
{
    QString error;
    m_db = test::openTestDatabase(test::tempPath(QStringLiteral("catalog.db")), &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    const QString otherPath = test::tempPath(QStringLiteral("other.db"));
    QSqlDatabase other = test::openTestDatabase(otherPath, &error);
    QCOMPARE(test::execAll(other, {QStringLiteral("CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)")}), QString());
    test::closeTestDatabase(other);
    QStringList statements = fixture();
    statements.append(QStringLiteral("ATTACH DATABASE '%1' AS \"other db\"").arg(otherPath));
    QCOMPARE(test::execAll(m_db, statements), QString());
}

void TestSqliteCatalogReader::cleanupTestCase()
{
    test::closeTestDatabase(m_db);
}

TableDetail TestSqliteCatalogReader::describe(const QString &name, const QString &schema)
{
    Result<TableDetail> detail = m_reader->describeOne(m_db, schema, name);
    if (!detail) {
        qWarning("describe %s: %s", qPrintable(name), qPrintable(detail.error().toString()));
        return TableDetail();
    }
    return *detail;
}

void TestSqliteCatalogReader::parser()
{
    using namespace sqliteparser;
    const QList<Token> tokens = tokenize(QStringLiteral("a \"b\"\"c\" [d e] `f``g` 'h''i' -- x\n/* y */ 1.5e3 (,)"));
    QCOMPARE(tokens.size(), 9);
    QCOMPARE(unquote(tokens.at(1)), QStringLiteral("b\"c"));
    QCOMPARE(unquote(tokens.at(2)), QStringLiteral("d e"));
    QCOMPARE(unquote(tokens.at(3)), QStringLiteral("f`g"));
    QCOMPARE(unquote(tokens.at(4)), QStringLiteral("h'i"));
    QCOMPARE(tokens.at(5).text, QStringLiteral("1.5e3"));
    const ParsedIndex index = parseCreateIndex(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS s.i ON t (a COLLATE nocase, (a+b) DESC, \"c d\") WHERE a > ';';"));
    QCOMPARE(index.parts, (QStringList{QStringLiteral("a COLLATE nocase"), QStringLiteral("(a+b)"), QStringLiteral("\"c d\"")}));
    QCOMPARE(index.predicate, QStringLiteral("a > ';'"));
    const ParsedTrigger trigger = parseCreateTrigger(QStringLiteral("CREATE TEMP TRIGGER IF NOT EXISTS \"after\" INSTEAD OF UPDATE OF x ON v BEGIN SELECT 1; END"));
    QCOMPARE(trigger.timing, QStringLiteral("INSTEAD OF"));
    QCOMPARE(trigger.events, QStringList{QStringLiteral("UPDATE")});
    QCOMPARE(parseViewSelect(QStringLiteral("CREATE VIEW v(a, b) AS SELECT 1, 2;")), QStringLiteral("SELECT 1, 2"));
    QVERIFY(parseCreateTable(QStringLiteral("CREATE TABLE t AS SELECT 1")).columns.isEmpty());

    // The tokens come from the one SQL lexer (dialect/sqllexer.h). SQLite continues a bare
    // name with '$' ...
    const ParsedTable dollar = parseCreateTable(QStringLiteral("CREATE TABLE t (a$b INTEGER CHECK (a$b > 0), c TEXT)"));
    QCOMPARE(dollar.columns.size(), 2);
    QCOMPARE(dollar.columns.first().name, QStringLiteral("a$b"));
    QCOMPARE(dollar.allOfKind(QStringLiteral("CHECK")).first().columns, QStringList{QStringLiteral("a$b")});
    QCOMPARE(dollar.allOfKind(QStringLiteral("CHECK")).first().expression, QStringLiteral("a$b > 0"));
    // ... and PostgreSQL's index definitions keep E'' strings and dollar quotes whole.
    const QString pgIndex = QStringLiteral("CREATE INDEX i ON s.t USING btree (f(E'a\\')'), g($$x ) y$$))");
    const QList<Token> pgTokens = tokenize(pgIndex, dialect::DialectKind::Postgres);
    QList<QString> strings;
    for (const Token &t : pgTokens)
        if (t.type == Token::Type::String)
            strings.append(t.text);
    QCOMPARE(strings, (QList<QString>{QStringLiteral("E'a\\')'"), QStringLiteral("$$x ) y$$")}));
    QCOMPARE(pgTokens.last().text, QStringLiteral(")"));
}

void TestSqliteCatalogReader::schemas()
{
    Result<QList<SchemaInfo>> schemas = m_reader->schemas(m_db);
    QVERIFY2(schemas.ok(), qPrintable(schemas ? QString() : schemas.error().toString()));
    QStringList names;
    for (const SchemaInfo &s : *schemas) {
        names.append(s.name);
        QVERIFY(!s.isSystem);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("main"), QStringLiteral("temp"), QStringLiteral("other db")}));

    // Temp tables belong to their connection: another one sees an empty temp, so no "temp".
    QSqlDatabase second = test::openTestDatabase(m_db.databaseName());
    Result<QList<SchemaInfo>> secondSchemas = m_reader->schemas(second);
    test::closeTestDatabase(second);
    QVERIFY(secondSchemas.ok());
    QCOMPARE(secondSchemas->size(), 1);
    QCOMPARE(secondSchemas->first().name, QStringLiteral("main"));
}

void TestSqliteCatalogReader::objects()
{
    Result<SchemaObjects> objects = m_reader->objects(m_db, QStringLiteral("main"));
    QVERIFY2(objects.ok(), qPrintable(objects ? QString() : objects.error().toString()));
    QStringList names;
    for (const RelationInfo &r : objects->relations) {
        names.append(r.name);
        QCOMPARE(r.schema, QStringLiteral("main"));
        QCOMPARE(r.withoutRowid, r.name == QLatin1String("kv"));
        const bool isView = r.name == QLatin1String("book_titles") || r.name == QLatin1String("broken");
        QCOMPARE(r.kind, isView ? RelationKind::View : RelationKind::Table);
        QCOMPARE(r.estimatedRows, -1);
    }
    // BINARY order; sqlite_sequence (from AUTOINCREMENT) stays hidden.
    QCOMPARE(names, (QStringList{kOdd, QStringLiteral("authors"), QStringLiteral("book_titles"), QStringLiteral("books"),
                                 QStringLiteral("broken"), QStringLiteral("desc_key"), QStringLiteral("enrolment"),
                                 QStringLiteral("grades_audit"), QStringLiteral("kv"), QStringLiteral("log_entries")}));
    QVERIFY(objects->sequences.isEmpty());
    QVERIFY(objects->routines.isEmpty());
}

void TestSqliteCatalogReader::columns()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QStringList names, types;
    for (const ColumnInfo &c : books.columns) {
        names.append(c.name);
        types.append(c.dataType);
    }
    QCOMPARE(names, (QStringList{u"id"_s, u"author_id"_s, u"title"_s, u"price"_s, u"published"_s, u"title_lower"_s, u"price_cents"_s}));
    QCOMPARE(types, (QStringList{u"INTEGER"_s, u"INTEGER"_s, u"VARCHAR(200)"_s, u"NUMERIC(10,2)"_s, u"DATE"_s, u"TEXT"_s, u"INTEGER"_s}));
    for (int i = 0; i < books.columns.size(); ++i)
        QCOMPARE(books.columns.at(i).position, i + 1);
    QCOMPARE(books.column(u"title"_s)->defaultValue, QStringLiteral("'untitled'"));
    QCOMPARE(books.column(u"title"_s)->nullable, false);
    QCOMPARE(books.column(u"author_id"_s)->nullable, false);
    QCOMPARE(books.column(u"price"_s)->nullable, true);
    QCOMPARE(books.column(u"price"_s)->defaultValue, QString());
    QVERIFY(books.column(u"title_lower"_s)->isGenerated);
    QCOMPARE(books.column(u"title_lower"_s)->generationExpression, QStringLiteral("lower(title)"));
    QVERIFY(books.column(u"price_cents"_s)->isGenerated);
    QCOMPARE(books.column(u"price_cents"_s)->generationExpression, QStringLiteral("CAST(price * 100 AS INTEGER)"));
    QVERIFY(!books.column(u"price"_s)->isGenerated);
    QCOMPARE(books.primaryKey(), QStringList{u"id"_s});

    const TableDetail authors = describe(QStringLiteral("authors"));
    QCOMPARE(authors.column(u"email"_s)->collation, QStringLiteral("NOCASE"));
    QCOMPARE(authors.column(u"name"_s)->collation, QString());

    const TableDetail enrolment = describe(QStringLiteral("enrolment"));
    QCOMPARE(enrolment.column(u"course_id"_s)->primaryKeyPosition, 1);
    QCOMPARE(enrolment.column(u"student_id"_s)->primaryKeyPosition, 2);
    QCOMPARE(enrolment.column(u"grade"_s)->primaryKeyPosition, 0);
    QCOMPARE(enrolment.primaryKey(), (QStringList{u"course_id"_s, u"student_id"_s}));

    const TableDetail log = describe(QStringLiteral("log_entries"));
    QVERIFY(log.primaryKey().isEmpty());
    QVERIFY(log.constraints.isEmpty());
    QVERIFY(log.indexes.isEmpty());
}

void TestSqliteCatalogReader::rowidAlias()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QVERIFY(books.column(u"id"_s)->isIdentity);
    QCOMPARE(books.column(u"id"_s)->nullable, false);
    QVERIFY(!books.column(u"author_id"_s)->isIdentity);
    // INTEGER PRIMARY KEY DESC is not a rowid alias; WITHOUT ROWID has no rowid at all.
    const TableDetail descKey = describe(QStringLiteral("desc_key"));
    QVERIFY(!descKey.column(u"id"_s)->isIdentity);
    const TableDetail kv = describe(QStringLiteral("kv"));
    QVERIFY(kv.relation.withoutRowid);
    QVERIFY(!kv.column(u"key"_s)->isIdentity);
    QCOMPARE(kv.column(u"key"_s)->nullable, false);
    QCOMPARE(kv.column(u"value"_s)->nullable, true);
    QCOMPARE(kv.indexes.size(), 1);
    QVERIFY(kv.indexes.first().primary);
    QCOMPARE(kv.indexes.first().columns, QStringList{u"key"_s});
}

void TestSqliteCatalogReader::indexes()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QCOMPARE(books.indexes.size(), 2);
    const IndexInfo &partial = books.indexes.at(0);
    QCOMPARE(partial.name, QStringLiteral("books_published_idx"));
    QCOMPARE(partial.columns, QStringList{u"published"_s});
    QCOMPARE(partial.isExpression, QList<bool>{false});
    QCOMPARE(partial.predicate, QStringLiteral("published IS NOT NULL"));
    QVERIFY(!partial.unique);
    QVERIFY(!partial.primary);
    QCOMPARE(partial.definition, QStringLiteral("CREATE INDEX books_published_idx ON books (published) WHERE published IS NOT NULL"));
    const IndexInfo &expression = books.indexes.at(1);
    QCOMPARE(expression.name, QStringLiteral("books_title_lower_idx"));
    QCOMPARE(expression.columns, (QStringList{u"lower(title)"_s, u"author_id"_s}));
    QCOMPARE(expression.isExpression, (QList<bool>{true, false}));
    QCOMPARE(expression.predicate, QString());

    const TableDetail enrolment = describe(QStringLiteral("enrolment"));
    QCOMPARE(enrolment.indexes.size(), 1);
    QVERIFY(enrolment.indexes.first().primary);
    QVERIFY(enrolment.indexes.first().unique);
    QCOMPARE(enrolment.indexes.first().columns, (QStringList{u"course_id"_s, u"student_id"_s}));
    QCOMPARE(enrolment.indexes.first().definition, QString());
}

void TestSqliteCatalogReader::foreignKeys()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QCOMPARE(books.foreignKeys.size(), 1);
    const ForeignKeyInfo &fk = books.foreignKeys.first();
    QCOMPARE(fk.name, QString());
    QCOMPARE(fk.columns, QStringList{u"author_id"_s});
    QCOMPARE(fk.referencedSchema, QStringLiteral("main"));
    QCOMPARE(fk.referencedTable, QStringLiteral("authors"));
    QCOMPARE(fk.referencedColumns, QStringList{u"id"_s});
    QCOMPARE(fk.onDelete, QStringLiteral("CASCADE"));
    QCOMPARE(fk.onUpdate, QStringLiteral("RESTRICT"));

    const TableDetail audit = describe(QStringLiteral("grades_audit"));
    QCOMPARE(audit.foreignKeys.size(), 1);
    QCOMPARE(audit.foreignKeys.first().name, QStringLiteral("audit_enrolment_fk"));
    QCOMPARE(audit.foreignKeys.first().columns, (QStringList{u"course_id"_s, u"student_id"_s}));
    QCOMPARE(audit.foreignKeys.first().referencedTable, QStringLiteral("enrolment"));
    QVERIFY(audit.foreignKeys.first().referencedColumns.isEmpty());   // the parent's key is implied
    QCOMPARE(audit.foreignKeys.first().onDelete, QStringLiteral("SET NULL"));
    QCOMPARE(audit.foreignKeys.first().onUpdate, QStringLiteral("NO ACTION"));
}

void TestSqliteCatalogReader::constraints()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QCOMPARE(books.constraints.size(), 3);
    QCOMPARE(books.constraints.at(0), (ConstraintInfo{QString(), ConstraintKind::PrimaryKey, {u"id"_s}, QStringLiteral("PRIMARY KEY (id)")}));
    QCOMPARE(books.constraints.at(1), (ConstraintInfo{QStringLiteral("price_positive"), ConstraintKind::Check, {u"price"_s}, QStringLiteral("price > 0")}));
    QCOMPARE(books.constraints.at(2), (ConstraintInfo{QString(), ConstraintKind::Check, {}, QStringLiteral("published IS NULL OR published >= '1450-01-01'")}));

    const TableDetail authors = describe(QStringLiteral("authors"));
    QCOMPARE(authors.constraints.size(), 2);
    QCOMPARE(authors.constraints.at(1), (ConstraintInfo{QStringLiteral("authors_email_key"), ConstraintKind::Unique, {u"email"_s}, QStringLiteral("UNIQUE (email)")}));
}

void TestSqliteCatalogReader::triggers()
{
    const TableDetail books = describe(QStringLiteral("books"));
    QCOMPARE(books.triggers.size(), 2);
    QCOMPARE(books.triggers.at(0).name, QStringLiteral("Books audit"));
    QCOMPARE(books.triggers.at(0).timing, QStringLiteral("BEFORE"));
    QCOMPARE(books.triggers.at(0).events, QStringList{u"DELETE"_s});
    QCOMPARE(books.triggers.at(1).name, QStringLiteral("books_touch"));
    QCOMPARE(books.triggers.at(1).timing, QStringLiteral("AFTER"));
    QCOMPARE(books.triggers.at(1).events, QStringList{u"UPDATE"_s});
    QVERIFY(books.triggers.at(1).definition.startsWith(QLatin1String("CREATE TRIGGER books_touch AFTER UPDATE OF title ON books")));
}

void TestSqliteCatalogReader::view()
{
    const TableDetail view = describe(QStringLiteral("book_titles"));
    QCOMPARE(view.relation.kind, RelationKind::View);
    QCOMPARE(view.viewDefinition, QStringLiteral("SELECT b.title, a.name AS author\nFROM books AS b JOIN authors AS a ON a.id = b.author_id"));
    QCOMPARE(view.columns.size(), 2);
    QCOMPARE(view.columns.at(1).name, QStringLiteral("author"));
    QCOMPARE(view.triggers.size(), 1);
    QCOMPARE(view.triggers.first().timing, QStringLiteral("INSTEAD OF"));
    QCOMPARE(view.triggers.first().events, QStringList{u"INSERT"_s});
    QVERIFY(view.ddl.startsWith(QLatin1String("CREATE VIEW book_titles AS SELECT")));
    QVERIFY(view.ddl.contains(QLatin1String("\nCREATE TRIGGER book_titles_insert INSTEAD OF INSERT ON book_titles BEGIN SELECT 1; END;")));

    // A view over a dropped table still lists; it just has no columns.
    const TableDetail broken = describe(QStringLiteral("broken"));
    QCOMPARE(broken.relation.name, QStringLiteral("broken"));
    QVERIFY(broken.columns.isEmpty());
}

void TestSqliteCatalogReader::awkwardNames()
{
    const TableDetail odd = describe(kOdd);
    QCOMPARE(odd.relation.name, kOdd);
    QCOMPARE(odd.columns.size(), 3);
    QCOMPARE(odd.columns.at(0).name, QStringLiteral("Id Col"));
    QCOMPARE(odd.columns.at(1).name, kWert);
    QCOMPARE(odd.columns.at(1).defaultValue, QStringLiteral("-1"));
    QCOMPARE(odd.columns.at(2).name, QStringLiteral("sp ace"));
    QCOMPARE(odd.primaryKey(), QStringList{u"Id Col"_s});
    QVERIFY(!odd.column(u"Id Col"_s)->isIdentity);
    QCOMPARE(odd.constraints.size(), 2);
    QCOMPARE(odd.constraints.at(0).expression, QStringLiteral("PRIMARY KEY (\"Id Col\")"));
    QCOMPARE(odd.constraints.at(1).name, QStringLiteral("odd check"));
    QCOMPARE(odd.constraints.at(1).expression,
             QString::fromUtf8("\"Wert \u2615\" <> 0 AND [sp ace] <> 'it''s ) tricky'"));
    QCOMPARE(odd.indexes.size(), 2);   // the primary key's automatic index and idx "odd"
    QCOMPARE(odd.indexes.at(0).name, QStringLiteral("idx \"odd\""));
    QCOMPARE(odd.indexes.at(0).columns, QStringList{kWert});
    QVERIFY(odd.indexes.at(1).primary);
}

void TestSqliteCatalogReader::selectionAndNotFound()
{
    Result<QList<TableDetail>> some = m_reader->describe(m_db, QStringLiteral("main"),
                                                         {QStringLiteral("kv"), QStringLiteral("no such"), kOdd, QStringLiteral("authors")});
    QVERIFY(some.ok());
    QCOMPARE(some->size(), 3);
    QCOMPARE(some->at(0).relation.name, kOdd);   // in listing order
    QCOMPARE(some->at(1).relation.name, QStringLiteral("authors"));
    QCOMPARE(some->at(2).relation.name, QStringLiteral("kv"));

    Result<QList<TableDetail>> all = m_reader->describe(m_db, QStringLiteral("main"));
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 10);

    Result<TableDetail> missing = m_reader->describeOne(m_db, QStringLiteral("main"), QStringLiteral("sqlite_sequence"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    Result<SchemaObjects> noSchema = m_reader->objects(m_db, QStringLiteral("nowhere"));
    QVERIFY(!noSchema.ok());
    QCOMPARE(noSchema.error().kind, ErrorKind::NotFound);
}

void TestSqliteCatalogReader::tempAndAttached()
{
    Result<SchemaObjects> temp = m_reader->objects(m_db, QStringLiteral("temp"));
    QVERIFY(temp.ok());
    QCOMPARE(temp->relations.size(), 1);
    QCOMPARE(temp->relations.first().name, QStringLiteral("scratch"));
    QCOMPARE(temp->relations.first().schema, QStringLiteral("temp"));
    const TableDetail scratch = describe(QStringLiteral("scratch"), QStringLiteral("temp"));
    QCOMPARE(scratch.columns.size(), 1);
    QCOMPARE(scratch.columns.first().nullable, false);
    QVERIFY(scratch.ddl.startsWith(QLatin1String("CREATE TABLE scratch")));

    const TableDetail elsewhere = describe(QStringLiteral("elsewhere"), QStringLiteral("other db"));
    QCOMPARE(elsewhere.relation.schema, QStringLiteral("other db"));
    QVERIFY(elsewhere.column(u"id"_s)->isIdentity);
}

void TestSqliteCatalogReader::ddlRecreates()
{
    const QStringList tables{QStringLiteral("authors"), QStringLiteral("books"), kOdd, QStringLiteral("kv"),
                             QStringLiteral("enrolment"), QStringLiteral("grades_audit")};
    Result<QList<TableDetail>> originals = m_reader->describe(m_db, QStringLiteral("main"), tables);
    QVERIFY(originals.ok());
    const TableDetail &books = originals->at(2);
    QCOMPARE(books.relation.name, QStringLiteral("books"));
    QVERIFY(books.ddl.startsWith(QLatin1String("CREATE TABLE books (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,")));
    QVERIFY(books.ddl.contains(QLatin1String(");\nCREATE INDEX books_published_idx ON books (published) WHERE published IS NOT NULL;\n")));
    QVERIFY(books.ddl.contains(QLatin1String("\nCREATE TRIGGER books_touch AFTER UPDATE OF title ON books\nBEGIN UPDATE books SET published = published WHERE id = NEW.id; END;")));

    QSqlDatabase fresh = test::openTestDatabase(test::tempPath(QStringLiteral("fresh.db")));
    QVERIFY(fresh.isOpen());
    QStringList statements;
    for (const QString &name : {QStringLiteral("authors"), QStringLiteral("enrolment")})
        for (const TableDetail &d : *originals)
            if (d.relation.name == name)
                statements.append(d.ddl);
    for (const TableDetail &d : *originals)
        if (!statements.contains(d.ddl))
            statements.append(d.ddl);
    // QSQLITE runs one statement per exec; triggers contain ";" inside BEGIN ... END.
    QStringList split;
    for (const QString &ddl : statements)
        for (const QString &s : ddl.split(QLatin1String(";\nCREATE ")))
            split.append(s.startsWith(QLatin1String("CREATE ")) ? s : QStringLiteral("CREATE ") + s);
    QCOMPARE(test::execAll(fresh, split), QString());
    Result<QList<TableDetail>> copies = m_reader->describe(fresh, QStringLiteral("main"), tables);
    QVERIFY(copies.ok());
    QCOMPARE(copies->size(), originals->size());
    for (int i = 0; i < copies->size(); ++i) {
        const TableDetail &a = originals->at(i);
        const TableDetail &b = copies->at(i);
        QCOMPARE(b.relation, a.relation);
        QCOMPARE(b.columns, a.columns);
        QCOMPARE(b.indexes, a.indexes);
        QCOMPARE(b.foreignKeys, a.foreignKeys);
        QCOMPARE(b.constraints, a.constraints);
        QCOMPARE(b.ddl, a.ddl);
    }
    test::closeTestDatabase(fresh);
}

void TestSqliteCatalogReader::queryCount()
{
    QCOMPARE(test::execAll(m_db, {QStringLiteral("DROP VIEW broken")}), QString());
    int count = 0;
    m_reader->setQueryObserver([&count](const QString &) { ++count; });
    QVERIFY(m_reader->describe(m_db, QStringLiteral("main")).ok());
    const int forAll = count;
    count = 0;
    QVERIFY(m_reader->describe(m_db, QStringLiteral("main"), {QStringLiteral("books")}).ok());
    QCOMPARE(count, forAll);
    QCOMPARE(count, 5);
    m_reader->setQueryObserver({});
}

STRATA_TEST_MAIN(TestSqliteCatalogReader)
#include "tst_sqlitecatalogreader.moc"
