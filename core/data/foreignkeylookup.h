#pragma once

// ForeignKeyLookup: the values a foreign-key cell may take, for the grid's lookup editor.
// Lists the referenced table's key values with a display column (the referenced table's
// first text column other than the key), at most `limit` rows, filtered on the server by
// what the user typed (key or display text contains it; LIKE wildcards in the text are
// literal, the text is bound, never spliced). Runs on a Connection's worker, never on the
// GUI thread; the referenced table is described once, on the first search. Searches are
// answered in order and only the latest one is reported (typing fast builds no backlog
// of stale results). GUI thread object.

#include "boundsql.h"
#include "tableinfo.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace strata::connection { class Connection; }

namespace strata::data {

struct LookupItem {
    QVariant key;       ///< the referenced key value (raw, as the grid reads it)
    QString display;    ///< the display column's text, or empty when there is none
};

/// What a lookup reads: the referenced table, its key column and display column.
struct LookupTarget {
    dialect::DialectKind dialect = dialect::DialectKind::Sqlite;
    QString schema;
    QString table;
    QString keyColumn;
    QString displayColumn;   ///< empty: none
};

class ForeignKeyLookup : public QObject {
    Q_OBJECT
public:
    /// The one-column foreign key on `column` of `table`, or none.
    static std::optional<catalog::ForeignKeyInfo> foreignKeyOf(const TableInfo &table, int column);
    /// The search statement: key and display of at most `limit` rows whose key or display
    /// contains `text` (all rows when empty), in key order.
    static BoundSql searchSql(const LookupTarget &target, const QString &text, int limit);

    /// `connection` must stay open while searches run; it is not owned.
    ForeignKeyLookup(connection::Connection *connection, const TableInfo &table, int column, QObject *parent = nullptr);

    bool isValid() const { return m_fk.has_value(); }
    void setLimit(int limit) { m_limit = qMax(1, limit); }
    int limit() const { return m_limit; }
    /// Known after the first search.
    const std::optional<LookupTarget> &target() const { return m_target; }
    /// Starts a search; resultsReady() (or failed()) follows, unless a newer search started.
    void search(const QString &text);

Q_SIGNALS:
    void resultsReady(const QString &text, const QList<strata::data::LookupItem> &items);
    void failed(const strata::Error &error);

private:
    QPointer<connection::Connection> m_connection;
    dialect::DialectKind m_dialect;
    std::optional<catalog::ForeignKeyInfo> m_fk;
    std::optional<LookupTarget> m_target;
    int m_limit = 100;
    int m_sequence = 0;
};

} // namespace strata::data

Q_DECLARE_METATYPE(strata::data::LookupItem)
