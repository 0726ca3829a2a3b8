#pragma once

// Review before import: each candidate profile found in a file (pgAdmin, DBeaver,
// pg_service.conf, .pgpass, .env, a URL list or a Strata export) as a checkable row with
// its location and any note; warnings for what was skipped. Only checked rows are saved.

#include "connection/profileimport.h"

#include <QDialog>

class QTreeWidget;

namespace strata::ui {

class ImportReviewDialog : public QDialog {
    Q_OBJECT
public:
    ImportReviewDialog(const QString &sourceName, const connection::ImportResult &result, QWidget *parent = nullptr);

    /// The candidates left checked.
    QList<connection::ImportCandidate> selected() const;
    QTreeWidget *list() const { return m_list; }

private:
    connection::ImportResult m_result;
    QTreeWidget *m_list;
};

} // namespace strata::ui
