#pragma once

// Tools › Search in database…: finds a value in every text column of one schema of a
// connection (core/search/valuesearch.h does the work on a connection of its own). Matches
// stream into the table as they are found (table, column, row key, the text); a progress
// bar counts the relations searched; Cancel stops the running statement on the server.
// Double-clicking a match opens the table's grid on that row (by its key).

#include "connection/connectionstring.h"
#include "search/valuesearch.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace strata::ui {

class ValueSearchDialog : public QDialog {
    Q_OBJECT
public:
    /// `schemas`: the schemas to offer (the current one first); `connectionName` is shown.
    ValueSearchDialog(connection::ConnectionSpec spec, const QString &connectionName, const QStringList &schemas,
                      QWidget *parent = nullptr);

    QLineEdit *valueEdit() const { return m_value; }
    QComboBox *schemaBox() const { return m_schema; }
    QPushButton *searchButton() const { return m_searchButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QProgressBar *progressBar() const { return m_progress; }
    QTableView *resultView() const { return m_view; }
    QStandardItemModel *results() const { return m_results; }
    search::ValueSearch *valueSearch() const { return m_search; }

Q_SIGNALS:
    /// A match was double-clicked: show `table` of `schema` at the row whose `keyColumn`
    /// holds `keyValue` (empty key: just the table).
    void rowRequested(const QString &schema, const QString &table, const QString &keyColumn, const QString &keyValue);

protected:
    void reject() override;

private:
    void start();
    void addMatch(const search::ValueMatch &match);
    void onFinished(bool ok, const Error &error);

    search::ValueSearch *m_search;
    QLineEdit *m_value;
    QComboBox *m_schema;
    QPushButton *m_searchButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableView *m_view;
    QStandardItemModel *m_results;
    int m_found = 0;
};

}   // namespace strata::ui
