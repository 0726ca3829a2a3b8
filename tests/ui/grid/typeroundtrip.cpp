#include "typeroundtrip.h"

#include "base/undecodabletext.h"

#include "connection/connectionstring.h"
#include "data/io/csvimporter.h"
#include "data/io/csvreader.h"
#include "data/io/exporter.h"
#include "data/io/queryrowsource.h"
#include "data/io/rowwriter.h"
#include "grid/griddelegate.h"
#include "grid/valueeditordialog.h"
#include "support/testenvironment.h"

#include <QBuffer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStyleOptionViewItem>
#include <QTemporaryFile>
#include <QUrl>
#include <QtTest>

namespace strata::test {

using data::TableModel;
using dialect::DialectKind;

struct TypeRoundTripTest::Model {
    std::unique_ptr<TableModel> model;
    TableModel *operator->() const { return model.get(); }

    /// The model row whose column `column` reads as `text` (ids, notes), or -1.
    int rowOf(int column, const QString &text) const
    {
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, column).data(TableModel::RawRole).toString() == text)
                return r;
        return -1;
    }
    QModelIndex cell(int idOrNoteColumn, const QString &text, int column) const
    {
        const int row = rowOf(idOrNoteColumn, text);
        return row < 0 ? QModelIndex() : model->index(row, column);
    }
    bool save(Error *error = nullptr) const
    {
        QSignalSpy spy(model.get(), &TableModel::saveFinished);
        model->save();
        if (!spy.wait(60000))
            return false;
        if (error)
            *error = spy.first().at(1).value<Error>();
        return spy.first().at(0).toBool();
    }
};

TypeRoundTripTest::TypeRoundTripTest(bool postgres)
    : m_postgres(postgres)
{
}

TypeRoundTripTest::~TypeRoundTripTest()
{
    m_reader.reset();
    m_background.reset();
    if (m_db.isValid())
        closeTestDatabase(m_db);
}

QString TypeRoundTripTest::table(const char *prefix) const
{
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    for (int n = 0; n < m_cases.size(); ++n)
        if (m_cases.at(n).tag == tag)
            return QString::fromLatin1(prefix) + QString::number(n);
    return {};
}

const TypeCase &TypeRoundTripTest::current() const
{
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    for (const TypeCase &c : m_cases)
        if (c.tag == tag)
            return c;
    qFatal("no type case %s", qPrintable(tag));
}

void TypeRoundTripTest::addRows()
{
    QTest::addColumn<int>("unused");
    for (const TypeCase &c : m_cases)
        QTest::newRow(qPrintable(c.tag)) << 0;
}

QString TypeRoundTripTest::run(const QStringList &statements)
{
    return execAll(m_db, statements);
}

void TypeRoundTripTest::initTestCase()
{
    m_cases = cases();
    if (m_postgres) {
        STRATA_REQUIRE_PG(server);
        m_pg = std::make_unique<ScratchPgDatabase>(server);
        QVERIFY2(m_pg->error().isEmpty(), qPrintable(m_pg->error()));
        m_url = m_pg->url();
    } else {
        m_sqlitePath = tempPath(QStringLiteral("types.db"));
        m_url = m_sqlitePath;
    }
    QString error;
    m_db = openTestDatabase(m_url, &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    QCOMPARE(run(prelude()), QString());
    if (m_postgres) {
        // Database settings every new session gets, the grid's and psql's: a TimeZone with a
        // 45-minute offset, another DateStyle and IntervalStyle, floats printed to 15 digits
        // only, bytea as escapes. The grid must read and compare exactly whatever they are.
        const QString name = m_pg->name();
        QCOMPARE(run({QStringLiteral("ALTER DATABASE %1 SET TimeZone TO 'Asia/Kathmandu'").arg(name),
                      QStringLiteral("ALTER DATABASE %1 SET DateStyle TO 'SQL, DMY'").arg(name),
                      QStringLiteral("ALTER DATABASE %1 SET IntervalStyle TO 'sql_standard'").arg(name),
                      QStringLiteral("ALTER DATABASE %1 SET extra_float_digits TO 0").arg(name),
                      QStringLiteral("ALTER DATABASE %1 SET bytea_output TO 'escape'").arg(name)}),
                 QString());
        closeTestDatabase(m_db);
        m_db = openTestDatabase(m_url, &error);
        QVERIFY2(m_db.isOpen(), qPrintable(error));
    }
    QStringList ddl;
    for (int n = 0; n < m_cases.size(); ++n) {
        const TypeCase &c = m_cases.at(n);
        const QString v = QStringLiteral("v ") + c.sqlType;
        for (const char *prefix : {"k", "c"})
            ddl << QStringLiteral("CREATE TABLE %1%2 (id integer PRIMARY KEY, %3, note text)").arg(QLatin1String(prefix)).arg(n).arg(v);
        for (const char *prefix : {"s", "r"})
            ddl << QStringLiteral("CREATE TABLE %1%2 (%3)").arg(QLatin1String(prefix)).arg(n).arg(v);
        ddl << QStringLiteral("CREATE TABLE h%1 (%2, note text)").arg(n).arg(v);
        ddl << QStringLiteral("INSERT INTO k%1 VALUES (1, %2, 'a'), (2, %2, 'b'), (3, %2, 'c'), (4, NULL, 'd')").arg(n).arg(c.initial);
        for (int e = 0; e < c.extraRows.size(); ++e)
            ddl << QStringLiteral("INSERT INTO k%1 VALUES (%2, %3, 'x%2')").arg(n).arg(10 + e).arg(c.extraRows.at(e));
        ddl << QStringLiteral("INSERT INTO h%1 VALUES (%2, 'a'), (%2, 'b')").arg(n).arg(c.initial);
    }
    QCOMPARE(run(ddl), QString());

    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(m_url);
    QVERIFY(spec);
    for (auto *slot : {&m_reader, &m_background}) {
        *slot = std::make_unique<connection::Connection>(spec->profile, QStringLiteral("grid"));
        bool done = false;
        bool opened = false;
        (*slot)->open(spec->password, [&](const Result<connection::ServerInfo> &r) {
            done = true;
            opened = r.ok();
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
        QVERIFY(opened);
    }
}

void TypeRoundTripTest::cleanupTestCase()
{
    m_reader.reset();
    m_background.reset();
}

std::unique_ptr<TypeRoundTripTest::Model> TypeRoundTripTest::openModel(const QString &name)
{
    auto m = std::make_unique<Model>();
    m->model = std::make_unique<TableModel>(m_reader.get(), m_background.get(), nullptr, 64, 8);
    QSignalSpy opened(m->model.get(), &TableModel::opened);
    m->model->open(m_postgres ? QStringLiteral("public") : QStringLiteral("main"), name);
    if (!opened.wait(20000) || !opened.first().at(0).toBool()) {
        qWarning() << "could not open" << name << (opened.isEmpty() ? QString() : opened.first().at(1).value<Error>().toString());
        return nullptr;
    }
    TableModel *model = m->model.get();
    const bool counted = QTest::qWaitFor([model] { return model->countState() == TableModel::CountState::Exact && !model->isCounting(); }, 20000);
    model->fetchTableRow(0);
    const bool loaded = QTest::qWaitFor([model] { return model->tableRowCount() == 0 || model->isTableRowLoaded(model->tableRowCount() - 1); }, 20000);
    if (!counted || !loaded)
        return nullptr;
    return m;
}

// --- references -------------------------------------------------------------------------

QString TypeRoundTripTest::reference(const QString &sql, QString *error) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList args;
    QString program;
    if (m_postgres) {
        // psql, with the output settings the grid's sessions use (data/tablemodel.cpp); the
        // TimeZone, IntervalStyle and the rest come from the database, as for the grid.
        const QUrl url(m_url);
        program = QStringLiteral("/usr/bin/psql");
        env.insert(QStringLiteral("PGPASSWORD"), url.password());
        env.insert(QStringLiteral("PGCLIENTENCODING"), QStringLiteral("UTF8"));
        env.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c DateStyle=ISO -c extra_float_digits=3 -c bytea_output=hex"));
        args << QStringLiteral("-X") << QStringLiteral("-q") << QStringLiteral("-A") << QStringLiteral("-t")
             << QStringLiteral("-v") << QStringLiteral("ON_ERROR_STOP=1") << QStringLiteral("-P") << QStringLiteral("null=<NULL>")
             << QStringLiteral("-h") << url.host() << QStringLiteral("-p") << QString::number(url.port(5432))
             << QStringLiteral("-U") << url.userName() << QStringLiteral("-d") << url.path().mid(1) << QStringLiteral("-f")
             << QStringLiteral("-");
    } else {
        program = QStringLiteral("/usr/bin/sqlite3");
        // The grid's own connections may be reading the file: wait for their locks as a user's
        // sqlite3 would with a busy timeout, rather than fail on "database is locked".
        args << QStringLiteral("-batch") << QStringLiteral("-bail") << QStringLiteral("-noheader") << QStringLiteral("-list")
             << QStringLiteral("-cmd") << QStringLiteral(".timeout 10000") << m_sqlitePath;
    }
    // The statement on standard input: a megabyte value does not fit in an argument list.
    process.setProcessEnvironment(env);
    process.start(program, args);
    process.write(sql.toUtf8() + (sql.trimmed().endsWith(QLatin1Char(';')) ? "\n" : ";\n"));
    process.closeWriteChannel();
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        const QString why = QString::fromUtf8(process.readAllStandardError()) + process.errorString();
        if (error)
            *error = why;
        return QStringLiteral("<reference failed: %1>").arg(why);
    }
    QByteArray out = process.readAllStandardOutput();
    if (out.endsWith('\n'))
        out.chop(1);
    return QString::fromUtf8(out);
}

QString TypeRoundTripTest::valueQuery(const QString &name, const QString &where) const
{
    if (m_postgres)
        return QStringLiteral("SELECT v FROM %1 WHERE %2").arg(name, where);
    // sqlite3 prints REALs to 15 digits and text up to a NUL: the class and the exact value.
    return QStringLiteral("SELECT typeof(v) || ':' || CASE typeof(v) WHEN 'real' THEN printf('%!.17g', v) "
                          "WHEN 'integer' THEN CAST(v AS TEXT) WHEN 'null' THEN '' ELSE hex(v) END FROM %1 WHERE %2")
        .arg(name, where);
}

namespace {

/// SQLite "real:<17 digits>" from sqlite3 rendered as Qt renders the double, so that two
/// texts are equal exactly when the doubles are (sign of zero and infinities included).
QString normaliseReal(const QString &text)
{
    if (!text.startsWith(QLatin1String("real:")))
        return text;
    const QByteArray digits = text.mid(5).toLatin1();
    return QStringLiteral("real:") + QString::number(strtod(digits.constData(), nullptr), 'g', 17);
}

} // namespace

QString TypeRoundTripTest::renderRaw(const QVariant &raw) const
{
    if (m_postgres)
        return data::isSqlNull(raw) ? QStringLiteral("<NULL>") : raw.toString();
    if (data::isSqlNull(raw))
        return QStringLiteral("null:");
    switch (raw.metaType().id()) {
    case QMetaType::LongLong: return QStringLiteral("integer:") + QString::number(raw.toLongLong());
    case QMetaType::Double: return QStringLiteral("real:") + QString::number(raw.toDouble(), 'g', 17);
    case QMetaType::QByteArray: return QStringLiteral("blob:") + QString::fromLatin1(raw.toByteArray().toHex().toUpper());
    default: {
        const QByteArray bytes = isUndecodableText(raw) ? raw.value<UndecodableText>().bytes : raw.toString().toUtf8();
        return QStringLiteral("text:") + QString::fromLatin1(bytes.toHex().toUpper());
    }
    }
}

QString TypeRoundTripTest::referenceOf(const QString &expression) const
{
    const TypeCase &c = current();
    if (m_postgres)
        return reference(QStringLiteral("SELECT (%1)::%2").arg(expression, c.sqlType));
    // Through a column of the same declared type, so that its affinity applies.
    const QString r = table("r");
    return normaliseReal(reference(QStringLiteral("DELETE FROM %1; INSERT INTO %1 (v) VALUES (%2); ").arg(r, expression)
                                   + valueQuery(r, QStringLiteral("1 = 1"))));
}

// --- the matrix ---------------------------------------------------------------------------

void TypeRoundTripTest::read()
{
    const TypeCase &c = current();
    auto m = openModel(table("k"));
    QVERIFY(m);
    const QModelIndex value = m->cell(0, QStringLiteral("1"), 1);
    QVERIFY(value.isValid());
    QCOMPARE(renderRaw(value.data(TableModel::RawRole)), normaliseReal(reference(valueQuery(table("k"), QStringLiteral("id = 1")))));
    const QString display = c.display.isEmpty() ? reference(valueQuery(table("k"), QStringLiteral("id = 1"))) : c.display;
    QCOMPARE(value.data(Qt::DisplayRole).toString(), display);
    const QModelIndex null = m->cell(0, QStringLiteral("4"), 1);
    QVERIFY(null.data(TableModel::IsNullRole).toBool());
    for (int e = 0; e < c.extraRows.size(); ++e) {
        const QModelIndex extra = m->cell(0, QString::number(10 + e), 1);
        QCOMPARE(renderRaw(extra.data(TableModel::RawRole)),
                 normaliseReal(reference(valueQuery(table("k"), QStringLiteral("id = %1").arg(10 + e)))));
    }
    const data::ColumnMeta &meta = (*m)->tableInfo().columns.at(1);
    if (m_postgres)
        QCOMPARE(meta.equality, c.typedEquality ? dialect::Equality::Typed : dialect::Equality::TextForm);
    if (!c.readOnly.isEmpty()) {
        QVERIFY(!((*m)->flags(value) & Qt::ItemIsEditable));
        QVERIFY2(value.data(Qt::ToolTipRole).toString().contains(c.readOnly), qPrintable(value.data(Qt::ToolTipRole).toString()));
        qInfo("NOTE: read-only: %s", qPrintable((*m)->cellReadOnlyReason(value)));
        return;
    }
    QVERIFY2((*m)->flags(value) & Qt::ItemIsEditable, qPrintable((*m)->cellReadOnlyReason(value)));
}

void TypeRoundTripTest::edit()
{
    const TypeCase &c = current();
    auto m = openModel(table("k"));
    QVERIFY(m);
    if (!c.readOnly.isEmpty()) {
        // Neither an editor nor a paste nor Set NULL writes over it.
        const QModelIndex index = m->cell(0, QStringLiteral("1"), 1);
        QVERIFY(!(*m)->setData(index, c.edit));
        QVERIFY(!(*m)->setNull(index));
        QString error;
        QVERIFY(!(*m)->pasteText(index, c.edit.toString(), &error));
        QCOMPARE((*m)->pendingCount(), 0);
        qInfo("NOTE: read-only: %s", qPrintable((*m)->cellReadOnlyReason(index)));
        return;
    }
    QStringList ids{QStringLiteral("1")};
    for (int e = 0; e < c.extraRows.size(); ++e)
        ids << QString::number(10 + e);
    ui::GridDelegate delegate;
    delegate.setTableInfo((*m)->tableInfo());
    QWidget parent;
    for (const QString &id : ids) {
        // The cell's own editor, opened and accepted without a change, writes nothing.
        const QModelIndex index = m->cell(0, id, 1);
        QVERIFY(index.isValid());
        bool dialog = false;
        QObject::connect(&delegate, &ui::GridDelegate::valueDialogRequested, &parent, [&dialog] { dialog = true; });
        QWidget *editor = delegate.createEditor(&parent, QStyleOptionViewItem(), index);
        QString kind;
        if (editor) {
            kind = QString::fromLatin1(editor->metaObject()->className());
            delegate.setEditorData(editor, index);
            delegate.setModelData(editor, m->model.get(), index);
            delete editor;
        } else {
            QVERIFY(dialog);
            kind = QStringLiteral("ValueEditorDialog");
            std::unique_ptr<ui::ValueEditorDialog> dialogBox(ui::ValueEditorDialog::forCell(*m->model, index));
            dialogBox->applyTo(*m->model, index);
        }
        QObject::disconnect(&delegate, nullptr, &parent, nullptr);
        QVERIFY2((*m)->pendingCount() == 0, qPrintable(QStringLiteral("row %1: an untouched %2 wrote %3 over %4").arg(
                     id, kind, renderRaw(index.data(TableModel::RawRole)),
                     normaliseReal(reference(valueQuery(table("k"), QStringLiteral("id = ") + id))))));
    }
    // The new value, as the editor hands it over.
    const QModelIndex index = m->cell(0, QStringLiteral("1"), 1);
    QVERIFY((*m)->setData(index, c.edit));
    QVERIFY(index.data(TableModel::CellChangedRole).toBool());
    (*m)->revertAll();
}

void TypeRoundTripTest::saveWithKey()
{
    const TypeCase &c = current();
    auto m = openModel(table("k"));
    QVERIFY(m);
    // A read-only value: its row's other column is saved, the value stays byte for byte.
    const bool readOnly = !c.readOnly.isEmpty();
    QVERIFY((*m)->setData(m->cell(0, QStringLiteral("1"), readOnly ? 2 : 1), readOnly ? QVariant(QStringLiteral("a2")) : c.edit));
    Error error;
    QVERIFY2(m->save(&error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    const QString stored = normaliseReal(reference(valueQuery(table("k"), QStringLiteral("id = 1"))));
    QCOMPARE(stored, referenceOf(readOnly ? c.initial : c.mine));
    if (readOnly)
        qInfo("NOTE: read-only value: the row's other column was saved and the value kept byte for byte");
    auto again = openModel(table("k"));
    QVERIFY(again);
    QCOMPARE(renderRaw(again->cell(0, QStringLiteral("1"), 1).data(TableModel::RawRole)), stored);
}

void TypeRoundTripTest::saveWithoutKey()
{
    const TypeCase &c = current();
    const QString h = table("h");
    {
        auto m = openModel(h);
        QVERIFY(m);
        QVERIFY((*m)->isEditable());
        if (!c.readOnly.isEmpty()) {
            QVERIFY(!(*m)->setData(m->cell(1, QStringLiteral("a"), 0), c.edit));
            qInfo("NOTE: read-only value: the row's other column was saved and the value kept byte for byte");
        } else {
            QVERIFY((*m)->setData(m->cell(1, QStringLiteral("a"), 0), c.edit));
            Error error;
            QVERIFY2(m->save(&error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
            QCOMPARE(normaliseReal(reference(valueQuery(h, QStringLiteral("note = 'a'")))), referenceOf(c.mine));
        }
    }
    // Another column of a row whose value nobody touched: the whole-row check on this
    // column's value passes.
    auto m = openModel(h);
    QVERIFY(m);
    QVERIFY((*m)->setData(m->cell(1, QStringLiteral("b"), 1), QStringLiteral("b2")));
    Error error;
    QVERIFY2(m->save(&error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(normaliseReal(reference(valueQuery(h, QStringLiteral("note = 'b2'")))), referenceOf(c.initial));
}

void TypeRoundTripTest::conflict()
{
    const TypeCase &c = current();
    if (!c.readOnly.isEmpty()) {
        conflictOnReadOnly();
        return;
    }
    const QString k = table("k");
    auto m = openModel(k);
    QVERIFY(m);
    // Another connection changes row 2 after the grid read it.
    QCOMPARE(run({QStringLiteral("UPDATE %1 SET v = %2 WHERE id = 2").arg(k, c.theirs)}), QString());
    const QModelIndex index = m->cell(0, QStringLiteral("2"), 1);
    QVERIFY((*m)->setData(index, c.edit));
    Error error;
    QVERIFY(!m->save(&error));
    QCOMPARE(error.kind, ErrorKind::Conflict);
    const data::RowEdit *edit = (*m)->editAt(index.row());
    QVERIFY(edit && edit->conflict && edit->theirs);
    const QString theirs = normaliseReal(reference(valueQuery(k, QStringLiteral("id = 2"))));
    QCOMPARE(theirs, referenceOf(c.theirs));
    QCOMPARE(renderRaw(edit->theirs->value(1)), theirs);
    // Keep mine: one save, no second conflict.
    (*m)->resolveConflict(index.row(), true);
    QVERIFY2(m->save(&error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE((*m)->pendingCount(), 0);
    QCOMPARE(normaliseReal(reference(valueQuery(k, QStringLiteral("id = 2")))), referenceOf(c.mine));
}

void TypeRoundTripTest::conflictOnReadOnly()
{
    // On the key-less table every save checks the whole row, this value included, byte for
    // byte: another connection's change to it stops the save; Keep mine saves the note once.
    const TypeCase &c = current();
    const QString h = table("h");
    auto m = openModel(h);
    QVERIFY(m);
    const QModelIndex note = (*m)->index(0, 1);
    const QString was = note.data(TableModel::RawRole).toString();
    QCOMPARE(run({QStringLiteral("UPDATE %1 SET v = %2 WHERE note = '%3'").arg(h, c.theirs, was)}), QString());
    QVERIFY((*m)->setData(note, was + QStringLiteral("!")));
    Error error;
    QVERIFY(!m->save(&error));
    QCOMPARE(error.kind, ErrorKind::Conflict);
    const data::RowEdit *edit = (*m)->editAt(note.row());
    QVERIFY(edit && edit->conflict && edit->theirs);
    QCOMPARE(renderRaw(edit->theirs->value(0)), referenceOf(c.theirs));
    (*m)->resolveConflict(note.row(), true);
    QVERIFY2(m->save(&error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(reference(valueQuery(h, QStringLiteral("note = '%1!'").arg(was))), referenceOf(c.theirs));
    qInfo("NOTE: read-only value: checked in the key-less table's whole-row check, byte for byte");
}

void TypeRoundTripTest::copy()
{
    const TypeCase &c = current();
    const QString k = table("k");
    auto m = openModel(k);
    QVERIFY(m);
    const DialectKind kind = m_postgres ? DialectKind::Postgres : DialectKind::Sqlite;
    const QModelIndex source = m->cell(0, QStringLiteral("3"), 1);
    const QVariant raw = source.data(TableModel::RawRole);
    const QString original = normaliseReal(reference(valueQuery(k, QStringLiteral("id = 3"))));

    // CSV: the field, typed back over the same value, is the same value (no pending change).
    const QString csv = data::io::formatSelection({QStringLiteral("v")}, {{raw}}, data::io::Format::Csv, kind, table("s"));
    QByteArray csvBytes = csv.toUtf8();
    QBuffer buffer(&csvBytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    data::io::CsvReader reader(buffer, data::io::CsvOptions{});
    data::io::CsvRecord record;
    QVERIFY(reader.next(record).valueOr(false));   // the header
    QVERIFY(reader.next(record).valueOr(false));
    QCOMPARE(record.fields.size(), 1);
    QCOMPARE((*m)->setData(source, record.fields.first()), c.readOnly.isEmpty());
    QVERIFY2((*m)->pendingCount() == 0, qPrintable(QStringLiteral("the CSV text %1 gave %2").arg(
                 record.fields.first(), renderRaw(source.data(TableModel::RawRole)))));

    // TSV, as a spreadsheet or the grid's Copy gives it: pasted into the NULL row and saved.
    const QString tsv = data::io::formatSelection({QStringLiteral("v")}, {{raw}}, data::io::Format::Tsv, kind, table("s"));
    QString error;
    if (!c.pasteRefused.isEmpty()) {
        // Refused with a message; nothing pending, the cell still NULL on the server.
        QVERIFY(!(*m)->pasteText(m->cell(0, QStringLiteral("4"), 1), tsv, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a valid")), qPrintable(error));
        QCOMPARE((*m)->pendingCount(), 0);
        QCOMPARE(reference(valueQuery(k, QStringLiteral("id = 4"))), renderRaw(QVariant()));
        qInfo("NOTE: %s", qPrintable(c.pasteRefused));
    } else {
        QVERIFY2((*m)->pasteText(m->cell(0, QStringLiteral("4"), 1), tsv, &error), qPrintable(error));
        Error saveError;
        QVERIFY2(m->save(&saveError), qPrintable(saveError.toString() + QLatin1Char('\n') + saveError.sql));
        if (c.csvNote.isEmpty()) {
            QCOMPARE(normaliseReal(reference(valueQuery(k, QStringLiteral("id = 4")))), original);
        } else {
            qInfo("NOTE: %s", qPrintable(c.csvNote));
            QCOMPARE(reference(valueQuery(k, QStringLiteral("id = 4"))),
                     renderRaw(data::io::RowWriter::plainText(raw, data::io::BytesFormat::Hex)));
        }
    }

    // SQL INSERT, run by psql / sqlite3 into a table of the same type.
    const QString insert = data::io::formatSelection({QStringLiteral("v")}, {{raw}}, data::io::Format::SqlInsert, kind, table("s"));
    QString failure;
    reference(QStringLiteral("DELETE FROM %1; ").arg(table("s")) + insert, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure + insert.left(300)));
    QCOMPARE(normaliseReal(reference(valueQuery(table("s"), QStringLiteral("1 = 1")))), original);
}

void TypeRoundTripTest::csvExportImport()
{
    const TypeCase &c = current();
    const QString k = table("k");
    const QString copyTable = table("c");
    const auto &d = dialect::dialectFor(m_postgres ? DialectKind::Postgres : DialectKind::Sqlite);
    QTemporaryFile file;
    QVERIFY(file.open());
    {
        // The export path of the Export… dialog, on a connection of its own.
        auto source = data::io::openTableSource(m_db, d, m_postgres ? QStringLiteral("public") : QString(), k);
        QVERIFY2(source, qPrintable(source ? QString() : source.error().toString()));
        Result<qint64> rows = data::io::exportRows(**source, file, data::io::ExportOptions::defaultsFor(data::io::Format::Csv));
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().toString()));
    }
    QVERIFY(file.seek(0));
    data::io::ImportOptions options;
    options.schema = m_postgres ? QStringLiteral("public") : QString();
    options.table = copyTable;
    options.columns = {{0, QStringLiteral("id"), data::io::ColumnType::Integer},
                       {1, QStringLiteral("v"), data::io::columnTypeFromDeclared(c.sqlType)},
                       {2, QStringLiteral("note"), data::io::ColumnType::Text}};
    QCOMPARE(run({QStringLiteral("DELETE FROM ") + copyTable}), QString());
    Result<qint64> imported = data::io::importCsv(m_db, file, options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    auto rows = [this](const QString &name) {
        if (m_postgres)
            return reference(QStringLiteral("SELECT id, v, note FROM %1 ORDER BY id").arg(name));
        return reference(QStringLiteral("SELECT id, typeof(v), CASE typeof(v) WHEN 'real' THEN printf('%!.17g', v) "
                                        "WHEN 'null' THEN '' ELSE hex(v) END, note FROM %1 ORDER BY id").arg(name));
    };
    if (!c.readOnly.isEmpty()) {
        // The file is UTF-8: the bytes that are not come back as U+FFFD, in TEXT.
        qInfo("NOTE: %s", qPrintable(c.csvNote));
        QCOMPARE(reference(QStringLiteral("SELECT typeof(v) || ':' || (instr(hex(v), 'EFBFBD') > 0) FROM %1 WHERE id = 3").arg(copyTable)),
                 QStringLiteral("text:1"));
        return;
    }
    if (!c.csvNote.isEmpty()) {
        // CSV holds text only: every value comes back as the TEXT it was exported as.
        qInfo("NOTE: %s", qPrintable(c.csvNote));
        QCOMPARE(reference(QStringLiteral("SELECT group_concat(id || '=' || typeof(v) || ':' || v, ';') FROM %1").arg(copyTable)),
                 reference(QStringLiteral("SELECT group_concat(id || '=' || CASE typeof(v) WHEN 'null' THEN 'null:' ELSE 'text:' END || "
                                          "CASE typeof(v) WHEN 'blob' THEN '\\x' || lower(hex(v)) ELSE v END, ';') FROM %1").arg(k)));
        return;
    }
    QCOMPARE(rows(copyTable), rows(k));
}

} // namespace strata::test
