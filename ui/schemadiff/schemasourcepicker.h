#pragma once

// SchemaSourcePicker: one side of a schema comparison. Either an open connection and one of
// its schemas, or a schema.sql file (applied to a scratch database of the other side's
// dialect when compared). The picker opens a Connection of its own ("schemadiff") for the
// chosen connection, so the comparison never waits behind the tree or a console, and lists
// the connection's schemas off the GUI thread. Or the models of a project: an application's
// migration runner (built with strata::migrate::runCommandLine and its MetaData), whose
// `models-sql` output is read like a schema.sql file.

#include "connection/connectionstring.h"

#include "base/result.h"

#include <QGroupBox>
#include <QPointer>

#include <functional>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace strata::connection { class Connection; }

namespace strata::ui {

struct ConnectionChoice {
    QString label;
    connection::ConnectionSpec spec;
    int connectionId = -1;      ///< the tree's id, to find the connection's migration panel
};

class SchemaSourcePicker : public QGroupBox {
    Q_OBJECT
public:
    SchemaSourcePicker(const QString &title, const QList<ConnectionChoice> &choices, QWidget *parent = nullptr);
    ~SchemaSourcePicker() override;

    /// Chooses the connection at `index` of the choices (opens it) and, when given, a schema.
    void selectConnection(int index, const QString &schema = {});
    /// Chooses a schema.sql file.
    void selectFile(const QString &path);
    /// Chooses the models printed by a migration runner (`RUNNER models-sql`).
    void selectModels(const QString &runnerPath);

    /// True for a side of SQL text (a schema.sql file or models), read on the other side's
    /// connection.
    bool isFile() const;
    bool isModels() const;
    /// The open (or opening) connection of this side; null for a file side.
    connection::Connection *connection() const;
    const ConnectionChoice *choice() const;
    QString schema() const;
    QString filePath() const;
    QString runnerPath() const;
    /// The side's CREATE statements: the file's text, or for models the runner's `models-sql
    /// --dialect <sqlite|postgresql>` output, run asynchronously (never blocks the GUI thread;
    /// killed after a timeout; its stderr is the error). `done` is called once, on the GUI
    /// thread, unless `context` is destroyed first.
    void readSql(bool postgres, QObject *context, std::function<void(Result<QString>)> done);
    /// The settings key remembering the last runner path.
    static QString runnerSettingsKey();
    /// "demo.db › main" or "schema.sql", for headings.
    QString description() const;

    QComboBox *connectionCombo() const { return m_connections; }
    QComboBox *schemaCombo() const { return m_schemas; }

Q_SIGNALS:
    void changed();
    /// The schema list of the chosen connection arrived (or failed).
    void schemasLoaded();

private:
    void openChosen();
    void browse();
    void browseRunner();

    QList<ConnectionChoice> m_choices;
    QPointer<connection::Connection> m_conn;
    QString m_wantedSchema;
    QRadioButton *m_useDatabase;
    QRadioButton *m_useFile;
    QComboBox *m_connections;
    QComboBox *m_schemas;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QRadioButton *m_useModels;
    QLineEdit *m_runner;
    QPushButton *m_browseRunner;
};

} // namespace strata::ui
