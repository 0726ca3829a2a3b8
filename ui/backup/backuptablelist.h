#pragma once

// BackupTableList: the tables a PostgreSQL backup writes, by schema, with their size, read off
// the GUI thread (PgBackupJob::choosableTables; a generation number drops a stale answer).
// The "Data" column: untick it to keep a table's definition but leave its rows out
// (pg_dump --exclude-table-data). When tables were chosen in the object tree (Backup… on one
// or several tables) the list is in "chosen tables" mode: the first column has a box too,
// only the ticked tables are backed up (pg_dump --table), and the tables chosen in the tree
// start ticked; any other table can be ticked (a table's Data box follows its own box). Otherwise the whole database (or the chosen
// schemas) is backed up and the first column has no box. GUI thread only.

#include "backup/backupoptions.h"
#include "backup/toolprogress.h"

#include <QTreeWidget>

namespace strata::ui {

class BackupTableList : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { NameColumn = 0, DataColumn = 1, SizeColumn = 2 };

    explicit BackupTableList(QWidget *parent = nullptr);

    /// Reads the tables of `schemas` (empty: every user schema). `chosen` not empty: the
    /// "chosen tables" mode, with these ticked (kept even if the catalog does not list them,
    /// so pg_dump --strict-names says which is gone).
    void load(const backup::ConnectionTarget &target, const QStringList &schemas, const QList<backup::TableName> &chosen);
    bool choosesTables() const { return m_choosesTables; }
    /// The ticked tables in "chosen tables" mode; empty otherwise.
    QList<backup::TableName> chosenTables() const;
    /// The tables (backed up) whose "Data" box is unticked.
    QList<backup::TableName> excludedData() const;
    /// The row of a table (nullptr when it is not listed).
    QTreeWidgetItem *itemFor(const backup::TableName &table) const;

Q_SIGNALS:
    /// The tables are listed (ok) or could not be read (the message is shown in the list).
    void loaded(bool ok);

private:
    void showTables(const QList<backup::TableName> &chosen, const QList<backup::TableWeight> &tables);
    void showMessage(const QString &text);
    void keepDataWithTable(QTreeWidgetItem *item, int column);
    QTreeWidgetItem *schemaItem(const QString &schema);
    static backup::TableName tableOf(const QTreeWidgetItem *item);

    bool m_choosesTables = false;
    int m_generation = 0;
    bool m_syncing = false;   ///< keepDataWithTable() is changing a box
};

} // namespace strata::ui
