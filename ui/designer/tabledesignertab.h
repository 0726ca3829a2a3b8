#pragma once

// TableDesignerTab: create a table or change one: its name, columns (type, NOT NULL,
// default, primary key, identity), indexes, foreign keys (referenced table and columns from
// the catalog, ON DELETE / ON UPDATE) and unique / check constraints.
//
// The form is compared with the table as the catalog read it (a one-table snapshot before
// and after, autogen::compare with the renames the form knows about forced), so the changes
// are the same operations the schema diff and strata-migrate produce, and the live preview is
// their SQL for the connection's dialect (compiled against the whole schema, so a SQLite
// rebuild keeps the table's indexes, triggers and dependent views).
//
// "Save" writes them as a revision into the migrations project attached to the connection
// (MigrationPanel's setting), so the GUI's changes and the migration history never drift
// apart; with no project attached it offers to choose one, or to apply directly after a
// confirmation. Reading the schema and applying run as jobs on the tab's own Connection.
//
// Changes made in the form and not saved are the tab's PendingWork: closing it asks, and
// Save there does what the Save button does. Applying directly announces the change through
// the SchemaNotifier (setSchemaNotifier), so open grids and the tree show it.

#include "connection/connectionstring.h"
#include "migrate/ops/schemasnapshot.h"
#include "migrate/script/revisionscript.h"
#include "migrations/migrationconfirmdialog.h"
#include "schemachangesaver.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace strata::catalog { class SchemaNotifier; }
namespace strata::connection { class Connection; }

namespace strata::ui {

class TableDesignerTab : public QWidget {
    Q_OBJECT
public:
    using Confirmer = std::function<bool(MigrationConfirmDialog &dialog)>;
    enum ColumnField { ColName, ColType, ColNotNull, ColDefault, ColPrimaryKey, ColIdentity };
    enum IndexField { IdxName, IdxColumns, IdxUnique };
    enum ForeignKeyField { FkName, FkColumns, FkTable, FkReferenced, FkOnDelete, FkOnUpdate };
    enum ConstraintField { ConName, ConKind, ConDefinition };

    /// `table` empty: a new table in `schema`. `connectionId` is the tree's, for databaseChanged.
    TableDesignerTab(const connection::ConnectionSpec &spec, int connectionId, const QString &schema,
                     const QString &table, QWidget *parent = nullptr);
    ~TableDesignerTab() override;

    bool isNewTable() const { return m_originalName.isEmpty(); }
    bool isReady() const { return m_before.has_value(); }
    QString title() const;

    // Form editing (the buttons call these; tests too).
    void addColumn(const QString &name, const QString &type, bool notNull = false, const QString &defaultValue = {},
                   bool primaryKey = false, bool identity = false);
    /// What "Add column" does: a new row, its name being edited.
    void startNewColumn();
    void addIndex(const QString &name, const QStringList &columns, bool unique = false);
    void addForeignKey(const QString &name, const QStringList &columns, const QString &table,
                       const QStringList &referenced, const QString &onDelete = {}, const QString &onUpdate = {});
    void addConstraint(const QString &name, bool check, const QString &definition);

    /// The table the form describes.
    catalog::TableDetail design() const;
    /// What stops the form from being saved, one sentence each; empty when it is valid.
    QStringList validate() const;
    /// The changes from the table as read to the form.
    Result<QList<migrate::ops::Operation>> operations() const;
    QString previewSql() const;
    /// The common type names of the connection's dialect (the type combo's items).
    QStringList commonTypes() const;

    QString attachedProjectFolder() const;
    /// Writes the changes as a revision into `projectFolder` (default: the attached one).
    Result<migrate::RevisionScript> saveRevision(const QString &message, const QString &projectFolder = {});
    /// Confirms, then runs the changes on the database (async; applied() follows when it
    /// returns true; false: nothing to apply, or the confirmation was refused).
    bool applyDirectly();
    /// Saves as the Save button does: a revision into the attached project, or (asked) into
    /// a chosen one or directly to the database; `done` runs once with the outcome
    /// (ErrorKind::Cancelled when the person backed out).
    void saveChanges(std::function<void(const Status &)> done);
    /// Announces applied changes to the open views of the database (`connectionId`).
    void setSchemaNotifier(catalog::SchemaNotifier *notifier) { m_notifier = notifier; }
    /// Changes in the form that are not saved (what closing would lose), one line; empty: none.
    QStringList unsavedChanges() const;
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *columnsTable() const { return m_columns; }
    QTableWidget *indexesTable() const { return m_indexes; }
    QTableWidget *foreignKeysTable() const { return m_foreignKeys; }
    QTableWidget *constraintsTable() const { return m_constraints; }
    QPlainTextEdit *previewView() const { return m_preview; }
    QLabel *problemsLabel() const { return m_problems; }
    QLabel *statusLabel() const { return m_status; }
    QLineEdit *messageEdit() const { return m_message; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *applyButton() const { return m_apply; }
    QTabWidget *sections() const { return m_sections; }

Q_SIGNALS:
    /// The schema was read (or could not be); the form is filled.
    void loaded(bool ok);
    void applied(bool ok);
    void revisionWritten(const QString &path, const QString &projectFolder);
    void databaseChanged(int connectionId);
    void titleChanged(const QString &title);
    /// What unsavedChanges() returns may have changed.
    void pendingWorkChanged();

private:
    void buildUi();
    void attachPendingWork();
    void editNewColumnName();
    QWidget *buildSection(QTableWidget *table, const QString &addText, std::function<void()> add);
    void load();
    void fillForm(const catalog::TableDetail *table);
    void clearForm();
    void schedulePreview();
    void updatePreview();
    void saveClicked();
    void acceptSaved(const QList<migrate::ops::Operation> &ops);
    const catalog::TableDetail *original() const;
    QStringList designColumnNames() const;
    QStringList columnsOf(const QString &table) const;
    QStringList forcedRenames(const QString &newName) const;
    QList<catalog::ColumnInfo> designColumns() const;
    SchemaChangeSaver saver();

    connection::ConnectionSpec m_spec;
    int m_connectionId;
    QString m_schema;
    QString m_originalName;                        // empty for a new table
    std::optional<migrate::ops::SchemaSnapshot> m_before;
    std::optional<catalog::TableDetail> m_original;   // the table as read (or last saved)
    QPointer<connection::Connection> m_conn;
    Confirmer m_confirmer;
    QStringList m_compiled;
    bool m_previewQueued = false;
    bool m_filling = false;
    bool m_dirty = false;              // the person changed the form since it was filled
    catalog::SchemaNotifier *m_notifier = nullptr;
    Error m_applyError;                // why the last apply failed

    QLineEdit *m_name = nullptr;
    QTabWidget *m_sections = nullptr;
    QTableWidget *m_columns = nullptr;
    QTableWidget *m_indexes = nullptr;
    QTableWidget *m_foreignKeys = nullptr;
    QTableWidget *m_constraints = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace strata::ui
