#pragma once

// ExportDialog: choose a format, its options and a file, then export on a connection of
// the dialog's own (a worker thread), with a progress bar and Cancel. The file is written
// through QSaveFile: it appears only when the export succeeded, never half-written.
//
// Entry points (the grid, the console and the object tree open it):
//   ExportDialog::forTable(spec, schema, table, parent)   // a whole table
//   ExportDialog::forQuery(spec, sql, values, parent)     // a console result, a filtered grid
//   ExportDialog(spec, factory, suggestedName, parent)    // any RowSource built on the worker
// `spec` carries the profile and the in-memory password (ObjectTreeModel::connectionSpec).
// The factory runs on the worker thread with that connection's QSqlDatabase.

#include "connection/connectionstring.h"
#include "data/io/exportoptions.h"
#include "data/io/rowsource.h"

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
class QSqlDatabase;

namespace strata::connection { class Connection; }

namespace strata::ui {

using RowSourceFactory = std::function<Result<std::unique_ptr<data::io::RowSource>>(QSqlDatabase &db)>;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(connection::ConnectionSpec spec, RowSourceFactory factory, const QString &suggestedName,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    static ExportDialog *forTable(const connection::ConnectionSpec &spec, const QString &schema, const QString &table,
                                  QWidget *parent = nullptr);
    static ExportDialog *forQuery(const connection::ConnectionSpec &spec, const QString &sql,
                                  const QVariantList &values = {}, QWidget *parent = nullptr);

    /// The options as the widgets set them now.
    data::io::ExportOptions options() const;
    void setFormat(data::io::Format format);
    void setFilePath(const QString &path);
    /// Starts the export (what the Export button does).
    void startExport();
    bool isRunning() const { return m_running; }

    /// Close when idle; while running, Cancel: stops the work and keeps the dialog open.
    void reject() override;

Q_SIGNALS:
    /// The export ended: rows written, or the error (kind Cancelled after Cancel).
    void finished(bool ok, qint64 rows, const QString &message);

private:
    void buildUi(const QString &suggestedName);
    QWidget *buildOptionsBox(const QString &suggestedName);
    void updateOptionWidgets();
    void browse();
    void runJob();
    void onProgress(qint64 rows, qint64 bytes);
    void onDone(const Result<qint64> &result);
    void setRunning(bool running);

    connection::ConnectionSpec m_spec;
    RowSourceFactory m_factory;
    QString m_sqlTableName;
    QComboBox *m_format = nullptr;
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_quote = nullptr;
    QCheckBox *m_header = nullptr;
    QLineEdit *m_nullText = nullptr;
    QComboBox *m_lineEnding = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_bytes = nullptr;
    QLineEdit *m_tableName = nullptr;
    QLineEdit *m_file = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_exportButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    connection::Connection *m_connection = nullptr;
    std::shared_ptr<data::io::CancelToken> m_cancel;
    QElapsedTimer m_timer;
    bool m_running = false;
};

} // namespace strata::ui
