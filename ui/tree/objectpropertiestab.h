#pragma once

// A tab showing one table or view: its columns with types and keys, indexes, foreign keys,
// constraints, triggers, and its DDL (selectable and copyable). The details load on the
// connection's worker thread; until then the tab says it is loading.

#include "catalog/catalogtypes.h"
#include "objecttreemodel.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;

namespace strata::catalog { class SchemaNotifier; }
namespace strata::connection { class Connection; }

namespace strata::ui {

class ObjectPropertiesTab : public QWidget {
    Q_OBJECT
public:
    ObjectPropertiesTab(connection::Connection *connection, const ObjectRef &object, QWidget *parent = nullptr);

    const ObjectRef &object() const { return m_object; }
    /// Loads (again) from the database.
    void reload();
    /// Loads again when a schema change touches this object (its ObjectRef::connectionId).
    void setSchemaNotifier(catalog::SchemaNotifier *notifier);
    /// True once details arrived.
    bool isLoaded() const { return m_loaded; }
    QTableWidget *columnsTable() const { return m_columns; }
    QPlainTextEdit *ddlView() const { return m_ddl; }
    /// Adds a page after the built-in ones (the main window adds "Statistics" for tables).
    void addPage(QWidget *page, const QString &title);

Q_SIGNALS:
    void loadFinished(bool ok);

private:
    void show(const catalog::TableDetail &detail);
    void fillColumns(const catalog::TableDetail &detail);
    void fillSimpleTable(QTableWidget *table, const QStringList &headers, const QList<QStringList> &rows);

    connection::Connection *m_connection;
    ObjectRef m_object;
    QLabel *m_title;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QTableWidget *m_columns;
    QTableWidget *m_indexes;
    QTableWidget *m_foreignKeys;
    QTableWidget *m_constraints;
    QTableWidget *m_triggers;
    QPlainTextEdit *m_ddl;
    bool m_loaded = false;
};

} // namespace strata::ui
