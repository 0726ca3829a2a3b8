#pragma once

// "Generate C++ mapping…" on a table in the object tree: the table's struct and Mapping<T>
// (core/mapping/codegen.h) in a read-only monospace view, with Copy and Save…. The table
// is read by the catalog jobs on the connection's worker; nothing runs on the GUI thread.

#include "catalog/catalogtypes.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace strata::connection {
class Connection;
}

namespace strata::ui {

class ObjectTreePanel;
class ObjectTreeModel;

class CodegenDialog : public QDialog {
    Q_OBJECT
public:
    CodegenDialog(connection::Connection *connection, const QString &schema, const QString &table, QWidget *parent = nullptr);

    QString code() const;
    /// Shows generated text directly (tests, screenshots).
    void showCode(const QString &code);

    /// Adds "Generate C++ mapping…" to the tree's context menu of tables (after "Script as").
    static void installMenuEntry(ObjectTreePanel *panel, ObjectTreeModel *model, QWidget *parent);

Q_SIGNALS:
    /// The code is shown (or the read failed: `ok` false).
    void ready(bool ok);

private:
    void fetch(const QString &schema, const QString &table);
    void fetchParents(QList<catalog::TableDetail> pending);
    void generate();
    void save();

    QPointer<connection::Connection> m_connection;
    catalog::TableDetail m_table;
    QHash<QString, QStringList> m_parentKeys;
    QLabel *m_status;
    QPlainTextEdit *m_text;
    QPushButton *m_copy;
    QPushButton *m_save;
};

} // namespace strata::ui
