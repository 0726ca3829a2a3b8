#pragma once

// The type round trip (issue 15 item 9), shared by tst_typeroundtrippg and
// tst_typeroundtripsqlite: for every type case, on a real server, through the grid's own
// parts — the TableModel over two Connections, the GridDelegate's editors and the value
// dialog, GridWriter's saves with their conflict checks, the copy formats and CSV export and
// import — checked against what psql / sqlite3 print for the same row.
//
// Each case gets its own tables: k<n> (id integer PRIMARY KEY, v <type>, note text) and
// h<n> (v <type>, note text) without a key. Rows of k<n>: 1, 2 and 3 hold the initial value,
// 4 is NULL, 10.. hold the case's extra values (a column of mixed storage classes).
//
// One test function per column of the matrix, each data-driven over the cases, so that the
// QtTest output (PASS/FAIL per function and case, "NOTE:" lines for explained cells) is the
// matrix itself: scripts/type-matrix.sh turns it into the Markdown table.
//   read            the value read into the model is the reference text, byte for byte; the
//                   display text; the column's comparison (typed or by text)
//   edit            the cell's real editor (or the value dialog), opened and accepted without
//                   a change, changes nothing; the editor's new value is taken
//   saveWithKey     the new value saved through a key, read back == reference of `mine`
//   saveWithoutKey  the same on the key-less table (ctid / rowid plus the whole row), and an
//                   edit of another column passes the check on this one untouched
//   conflict        another connection changes the row: the save stops with a conflict and
//                   "theirs"; Keep mine saves once
//   copy            copy as TSV pasted back into a row, as CSV parsed back, as SQL INSERT run
//                   by psql / sqlite3: the same value
//   csvExportImport the table exported to CSV through the export path and imported into a
//                   copy of the table: every row the same
// A value the grid cannot edit safely (TypeCase::readOnly) is checked to be read-only, with
// the reason in its tooltip, and to survive saves of its row's other columns unchanged.

#include "connection/connection.h"
#include "data/tablemodel.h"
#include "support/scratchdatabase.h"

#include <QObject>
#include <QSqlDatabase>
#include <QVariant>
#include <memory>

namespace strata::test {

struct TypeCase {
    QString tag;
    QString sqlType;           ///< the column's declared type ("" for a SQLite column without one)
    QString initial;           ///< SQL expression of rows 1-3's value
    QString display;           ///< the cell's display text; empty: the reference text itself
    QVariant edit;             ///< what the editor hands the model for the new value
    QString mine;              ///< SQL expression whose value the edit must store
    QString theirs;            ///< SQL expression another connection writes meanwhile
    bool typedEquality = true; ///< PostgreSQL: compared in its type (false: by text)
    QStringList extraRows;     ///< SQL expressions for rows 10.. (other storage classes)
    /// Non-empty: text formats (TSV paste into an empty cell, CSV import) cannot keep the
    /// value's storage class; why. Those steps then check the documented outcome: the
    /// value's export text, as TEXT.
    QString csvNote;
    /// Non-empty: the cell must be read-only, its tooltip saying this; the other steps then
    /// check that saving the row's other columns keeps the value byte for byte.
    QString readOnly;
    /// Non-empty: the TSV text cannot be pasted into an empty cell of this column (the
    /// grid refuses it, with a message, rather than store another value); why.
    QString pasteRefused;
};

class TypeRoundTripTest : public QObject {
    Q_OBJECT
public:
    explicit TypeRoundTripTest(bool postgres);
    ~TypeRoundTripTest() override;

protected:
    /// The cases, one QTest row each (columns set up by the caller).
    virtual QList<TypeCase> cases() const = 0;
    /// Statements run once before the tables are made (types, domains, database settings).
    virtual QStringList prelude() const { return {}; }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void read_data() { addRows(); }
    void read();
    void edit_data() { addRows(); }
    void edit();
    void saveWithKey_data() { addRows(); }
    void saveWithKey();
    void saveWithoutKey_data() { addRows(); }
    void saveWithoutKey();
    void conflict_data() { addRows(); }
    void conflict();
    void copy_data() { addRows(); }
    void copy();
    void csvExportImport_data() { addRows(); }
    void csvExportImport();

private:
    struct Model;
    void addRows();
    void conflictOnReadOnly();
    const TypeCase &current() const;
    /// The reference text of a query's only value, from psql / sqlite3 (see .cpp).
    QString reference(const QString &sql, QString *error = nullptr) const;
    /// The reference text of a value: `SELECT <expression>` typed as the case's column.
    QString referenceOf(const QString &expression) const;
    /// The same rendering of a value the model holds (PostgreSQL: its text; SQLite: class and value).
    QString renderRaw(const QVariant &raw) const;
    /// A SQL expression that selects the stored value in its reference form.
    QString valueQuery(const QString &table, const QString &where) const;
    std::unique_ptr<Model> openModel(const QString &table);
    QString run(const QStringList &statements);
    QString table(const char *prefix) const;

    bool m_postgres;
    std::unique_ptr<ScratchPgDatabase> m_pg;
    QString m_url;
    QString m_sqlitePath;
    QSqlDatabase m_db;   // "another connection": fixtures, and changes behind the grid's back
    std::unique_ptr<connection::Connection> m_reader;
    std::unique_ptr<connection::Connection> m_background;
    QList<TypeCase> m_cases;
};

} // namespace strata::test
