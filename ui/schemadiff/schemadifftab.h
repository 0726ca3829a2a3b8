#pragma once

// SchemaDiffTab: the schema diff tool. The source is the schema wanted, the target the
// database to change (as in pgAdmin): each is an open connection and schema, a schema.sql
// file, or the models of a migration runner (its `models-sql` output). Compare reads both snapshots as jobs on the pickers' own connections (a
// file is applied to a scratch database on the other side's connection), then compares them
// on a pool thread; progress and Cancel show meanwhile, and a stale answer (after Cancel or
// a new Compare) is dropped by a generation number.
//
// The differences show as a tree with a box per operation (SchemaDiffModel), the selected
// object's DDL on both sides, the proposed renames as a choice each (choosing "drop and
// create" compares again with that proposal rejected), and the SQL the ticked operations
// compile to. "Generate revision…" writes them as a revision into the migrations project
// attached to the target connection (revisionWritten tells the main window to reload its
// migration panel); "Apply to database…" runs them on the target in one transaction after a
// confirmation showing the SQL.

#include "migrate/autogen/comparator.h"
#include "migrate/script/revisionscript.h"
#include "migrations/migrationconfirmdialog.h"
#include "schemasourcepicker.h"

#include <QWidget>
#include <functional>
#include <optional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeView;
class QVBoxLayout;

namespace strata::ui {

class SchemaDiffModel;

class SchemaDiffTab : public QWidget {
    Q_OBJECT
public:
    /// Decides whether "Apply to database" runs; the default shows the dialog modally.
    using Confirmer = std::function<bool(MigrationConfirmDialog &dialog)>;

    explicit SchemaDiffTab(const QList<ConnectionChoice> &connections, QWidget *parent = nullptr);
    ~SchemaDiffTab() override;

    SchemaSourcePicker *sourcePicker() const { return m_source; }
    SchemaSourcePicker *targetPicker() const { return m_target; }

    /// Reads both sides and compares them (async; compared() follows unless cancelled).
    void compare();
    /// Stops a comparison under way (interrupts the running catalog read).
    void cancel();
    bool isBusy() const { return m_busy; }

    SchemaDiffModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    /// The renames the comparison proposed, with the user's decisions.
    QList<migrate::autogen::RenameProposal> renameProposals() const { return m_proposals; }
    /// Accepts or rejects the rename proposal at `index`, then compares again (compared() follows).
    void setRenameAccepted(int index, bool accepted);

    /// The upgrade SQL of the ticked operations, as shown in the preview.
    QString previewSql() const;
    QPlainTextEdit *previewView() const { return m_preview; }
    QPlainTextEdit *currentDdlView() const { return m_currentDdl; }
    QPlainTextEdit *wantedDdlView() const { return m_wantedDdl; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *failureLabel() const { return m_failure; }
    QLineEdit *messageEdit() const { return m_message; }
    QPushButton *generateButton() const { return m_generate; }
    QPushButton *applyButton() const { return m_apply; }

    /// The migrations project remembered for the target connection (MigrationPanel's
    /// setting), or empty.
    QString attachedProjectFolder() const;
    /// Writes the ticked operations as a revision into `projectFolder` (default: the attached
    /// one); emits revisionWritten.
    Result<migrate::RevisionScript> generateRevision(const QString &message, const QString &projectFolder = {});
    /// Confirms, then runs the ticked operations on the target (async; applied() follows
    /// unless refused).
    void applyToDatabase();
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

Q_SIGNALS:
    void compared(bool ok);
    void applied(bool ok);
    /// A revision file was written into the project in `projectFolder`.
    void revisionWritten(const QString &path, const QString &projectFolder);
    /// The target database changed (after Apply): the tree may refresh it.
    void databaseChanged(int connectionId);

private:
    void buildUi();
    QWidget *buildResultArea();
    void readSide(SchemaSourcePicker *side, SchemaSourcePicker *other,
                  std::function<void(Result<migrate::ops::SchemaSnapshot>)> done);
    void runComparison();
    void showComparison(const migrate::autogen::Comparison &comparison);
    void rebuildRenames();
    void updatePreview();
    void showDdl(const QModelIndex &index);
    QString ddlOf(const migrate::ops::SchemaSnapshot &snapshot, const QString &name) const;
    void setBusy(bool busy, const QString &status = {});
    void showFailure(const QString &text);
    void generateClicked();
    void updateActions();

    SchemaSourcePicker *m_source = nullptr;
    SchemaSourcePicker *m_target = nullptr;
    SchemaDiffModel *m_model = nullptr;
    std::optional<migrate::ops::SchemaSnapshot> m_current;   // the target's schema
    std::optional<migrate::ops::SchemaSnapshot> m_wanted;    // the source's schema
    QList<migrate::autogen::RenameProposal> m_proposals;
    QStringList m_compiled;   // upgrade statements of the ticked operations
    int m_generation = 0;
    bool m_busy = false;
    Confirmer m_confirmer;

    QPushButton *m_compare = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_failure = nullptr;
    QTreeView *m_tree = nullptr;
    QGroupBox *m_renameBox = nullptr;
    QVBoxLayout *m_renameRows = nullptr;
    QLabel *m_currentHeader = nullptr;
    QLabel *m_wantedHeader = nullptr;
    QPlainTextEdit *m_currentDdl = nullptr;
    QPlainTextEdit *m_wantedDdl = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace strata::ui
