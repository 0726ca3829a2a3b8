#pragma once

// SchemaNotifier: the one place that hears "the schema of this database changed through
// Strata" (a migration ran, the table designer applied, the schema diff ran its script, the
// console ran DDL) and tells every open view of that database, which then shows it again
// (the object tree, grids, properties tabs, the console's completion catalog).
//
// It is a plain QObject made by the application's composition root (the main window) and
// handed to whoever changes the schema or shows it; it is not a singleton. It carries no
// SQL and reads nothing: observers re-read what they show on their own connections.
// GUI thread only.
//
// Databases are told apart by an integer key chosen by the owner (the object tree's
// connection id): views opened from that connection carry the same key.

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace strata::catalog {

/// What changed. An empty `schema` means "anything in the database" (e.g. a console's
/// DDL, a migration); an empty `tables` list means "anything in the schema".
struct SchemaChange {
    int database = 0;
    QString schema;
    QStringList tables;   ///< tables (or views) created, altered, renamed (old and new name) or dropped

    /// Whether a view of `schema`.`table` (or of the whole schema when `table` is empty)
    /// must show it again.
    bool touches(int database, const QString &schema, const QString &table = {}) const;
};

class SchemaNotifier : public QObject {
    Q_OBJECT
public:
    explicit SchemaNotifier(QObject *parent = nullptr);

    /// Tells every observer; called by whoever changed the schema, after the change is
    /// committed.
    void notify(const SchemaChange &change);

Q_SIGNALS:
    void changed(const strata::catalog::SchemaChange &change);
};

} // namespace strata::catalog

Q_DECLARE_METATYPE(strata::catalog::SchemaChange)
