#pragma once

// ImportCsvDialog: choose a CSV file and how to read it (delimiter, quote, encoding, NULL
// text, header — detected, and toggled by the user), see a preview of the first records,
// choose the target (a new table with names and inferred types, or an existing table with
// each CSV column mapped to one of its columns or skipped), then Import: on a connection
// of the dialog's own (worker thread), one transaction, with progress and Cancel. A
// malformed line or a rejected value writes nothing and is reported with its line.
//
// The file is typed (with path completion) or chosen with Browse…: a typed path that names
// a readable file loads the preview as soon as it does; Enter in the field loads it or says
// why it cannot (it never closes the dialog or starts the import).
//
// Entry point: ImportCsvDialog(spec, schema, table, parent) — `table` preselects an
// existing table (from the object tree); an empty table starts with "new table".
// Reading the preview is local file IO on the GUI thread (a few hundred records); all SQL
// runs on the worker.

#include "connection/connectionstring.h"
#include "data/io/csvimporter.h"
#include "data/io/csvpreview.h"

#include <QDialog>
#include <QElapsedTimer>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QTimer;

namespace strata::connection { class Connection; }

namespace strata::ui {

class ImportCsvDialog : public QDialog {
    Q_OBJECT
public:
    ImportCsvDialog(connection::ConnectionSpec spec, const QString &schema, const QString &table,
                    QWidget *parent = nullptr);
    ~ImportCsvDialog() override;

    /// Loads `path` and fills the preview (what Browse does).
    void setFilePath(const QString &path);
    /// The import as the widgets describe it now.
    data::io::ImportOptions importOptions() const;
    /// Starts the import (what the Import button does).
    void startImport();
    bool isRunning() const { return m_running; }

    QTableWidget *previewTable() const { return m_preview; }
    QTableWidget *mappingTable() const { return m_mapping; }
    QCheckBox *headerCheck() const { return m_header; }
    QRadioButton *newTableButton() const { return m_newTable; }
    QRadioButton *existingTableButton() const { return m_existing; }
    QLineEdit *tableNameEdit() const { return m_tableName; }
    QLabel *statusLabel() const { return m_status; }
    QLineEdit *fileEdit() const { return m_file; }

    /// Close when idle; while running, Cancel: stops the work and keeps the dialog open.
    void reject() override;

Q_SIGNALS:
    /// The existing table's columns arrived (or failed); the mapping can be set.
    void targetColumnsLoaded(bool ok);
    /// The import ended: rows written, or the error (Cancelled after Cancel).
    void finished(bool ok, qint64 rows, const QString &message);

private:
    void buildUi();
    QWidget *buildOptionsRow();
    QWidget *buildTargetRow();
    void browse();
    /// The path typed in the file field: loads it when it names a file.
    void takeTypedPath(bool explicitRequest);
    void loadFile(const QString &path);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void reloadPreview();
    void fillPreview();
    void fillMapping();
    void loadTargetColumns();
    data::io::CsvOptions csvOptions() const;
    void ensureConnection(std::function<void()> then);
    void runImport();
    void onProgress(const data::io::Progress &progress);
    void onDone(const Result<qint64> &result);
    void setRunning(bool running);

    connection::ConnectionSpec m_spec;
    QString m_schema;
    QString m_path;
    data::io::CsvPreview m_previewData;
    QStringList m_targetColumns;               // existing table: its column names
    QStringList m_targetTypes;                 // and declared types
    QLineEdit *m_file = nullptr;
    QTimer *m_typedPathTimer = nullptr;   // a typed path is looked at once typing pauses
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_quote = nullptr;
    QComboBox *m_encoding = nullptr;
    QLineEdit *m_nullText = nullptr;
    QCheckBox *m_header = nullptr;
    QTableWidget *m_preview = nullptr;
    QRadioButton *m_newTable = nullptr;
    QRadioButton *m_existing = nullptr;
    QLineEdit *m_tableName = nullptr;
    QTableWidget *m_mapping = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_importButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    connection::Connection *m_connection = nullptr;
    std::shared_ptr<data::io::CancelToken> m_cancel;
    QElapsedTimer m_timer;
    bool m_running = false;
};

} // namespace strata::ui
