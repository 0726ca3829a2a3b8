#pragma once

// ErdTab: the diagram tab of one schema, a selection of tables, or a table's neighbourhood
// N foreign-key hops away (N chosen in the tab). Opened from the object tree's context menu
// ("Diagram…" on a schema, "Neighbourhood…" on a table).
//
// It reads the catalog on a connection of its own (erd::fetchDiagram, never on the GUI
// thread), lays boxes out with Graphviz off the GUI thread (erd::LayoutJob: progress and
// Cancel in the tab's bar), and remembers positions, pins and the density per connection
// and schema (erd::DiagramDocument::storePath; no password in it). On opening, a saved
// diagram is compared with the database and the difference is shown ("since saved: …").
// Refresh (the button, or a schema change announced through the SchemaNotifier) reads the
// catalog again and updates the boxes in place: positions kept, new tables placed beside a
// neighbour, dropped ones removed.
//
// What it cannot do itself it asks for: a table's grid (tableActivated, also on double
// click), its properties or its designer, a new table or a new column (the table designer's
// pipeline: newTableRequested, addColumnRequested).
//
// Editing keeps history (erdtabedit.cpp): a column dragged onto another box proposes a
// foreign key; the ForeignKeyDialog shows its exact SQL; saving writes a revision into the
// attached migrations project (SchemaChangeSaver, as the designer does) or, chosen and
// confirmed, applies it. Nothing is changed without one of those answers. After an apply the
// diagram reads the catalog again; a revision shows its key once it has been run (the
// migration panel announces the change).

#include "connection/connectionstring.h"
#include "erd/diagramdocument.h"
#include "erd/diagramlayout.h"
#include "erd/diagramloader.h"
#include "erd/foreignkeyproposal.h"
#include "migrations/migrationconfirmdialog.h"

#include <functional>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QToolButton;

namespace strata::catalog { class SchemaNotifier; struct SchemaChange; }
namespace strata::connection { class Connection; }
namespace strata::erd { class LayoutJob; }

namespace strata::ui {

class ErdScene;
class ErdView;

class ErdTab : public QWidget {
    Q_OBJECT
public:
    ErdTab(const connection::ConnectionSpec &spec, int connectionId, erd::DiagramRequest request, QWidget *parent = nullptr);
    ~ErdTab() override;

    int connectionId() const { return m_connectionId; }
    const erd::DiagramRequest &request() const { return m_request; }
    QString title() const;
    void setSchemaNotifier(catalog::SchemaNotifier *notifier);

    /// Reads the catalog again; positions are kept (see the note at the top).
    void refresh();
    /// Lays every box out again; pinned boxes stay.
    void relayout();
    void cancelWork();
    void setDensity(erd::Density density);
    void setHops(int hops);
    /// Selects, centres and highlights the best match for `text`; false when none.
    bool findTable(const QString &text);
    /// The diagram as a document (what "Export JSON" writes and the store keeps).
    erd::DiagramDocument document() const;
    /// Where this diagram's positions are remembered.
    QString storePath() const { return m_storePath; }
    bool isBusy() const;
    /// What a drag from `fromColumn` of `from` onto `to` (at `toColumn`; empty: the header)
    /// starts: the child's schema is read, then the ForeignKeyDialog asks (see the top).
    void proposeForeignKey(const erd::TableKey &from, const QString &fromColumn, const erd::TableKey &to,
                           const QString &toColumn);
    /// Answers the apply confirmation instead of a modal dialog (tests).
    void setConfirmer(std::function<bool(MigrationConfirmDialog &)> confirmer) { m_confirmer = std::move(confirmer); }

    ErdScene *scene() const { return m_scene; }
    ErdView *view() const { return m_view; }
    QLabel *messageLabel() const { return m_message; }
    QProgressBar *progressBar() const { return m_progress; }
    QComboBox *densityBox() const { return m_density; }
    /// dot (hierarchy) or fdp (dense schemas) for Re-layout.
    QComboBox *engineBox() const { return m_engine; }
    QSpinBox *hopsBox() const { return m_hops; }
    QLineEdit *findEdit() const { return m_find; }
    QToolButton *exportButton() const { return m_export; }

Q_SIGNALS:
    /// Open the table's data grid (double click, or the box's context menu).
    void tableActivated(int connectionId, const strata::erd::TableKey &table);
    void propertiesRequested(int connectionId, const strata::erd::TableKey &table);
    void designerRequested(int connectionId, const strata::erd::TableKey &table);
    void neighbourhoodRequested(int connectionId, const strata::erd::TableKey &table);
    /// "New table here…": the designer on a new table of `schema`.
    void newTableRequested(int connectionId, const QString &schema);
    /// "Add column…" on a box: the designer on that table, a new column started.
    void addColumnRequested(int connectionId, const strata::erd::TableKey &table);
    /// A foreign key drawn on the diagram was saved as a revision.
    void revisionWritten(const QString &path, const QString &projectFolder);
    /// The diagram was drawn (after a load, a refresh or a layout): tests wait on it.
    void ready();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QWidget *buildBar();
    QWidget *buildStatus();
    void load();
    void onLoaded(Result<erd::Diagram> result);
    void draw(const erd::Diagram &diagram, QHash<QString, erd::Placement> placements, bool needLayout);
    void onLayoutDone(const Result<erd::LayoutOutput> &result);
    void onSchemaChanged(const catalog::SchemaChange &change);
    void savePositions();
    void announceReady();
    void showMessage(const QString &text, bool error = false);
    void setBusy(const QString &what);
    void exportAs(const QString &format);
    void copyImage();
    void onProposalRead(const erd::ForeignKeyProposal &proposal, Result<migrate::ops::SchemaSnapshot> before);
    void saveProposal(const erd::ForeignKeyProposal &proposal, const QString &message,
                      const migrate::ops::SchemaSnapshot &before);
    void applyProposal(const erd::ForeignKeyProposal &proposal, const QStringList &statements);

    int m_connectionId;
    erd::DiagramRequest m_request;
    QString m_connectionKey;
    connection::ConnectionProfile m_profile;
    catalog::SchemaNotifier *m_notifier = nullptr;
    std::function<bool(MigrationConfirmDialog &)> m_confirmer;
    QString m_storePath;
    connection::Connection *m_conn;
    erd::LayoutJob *m_layout;
    ErdScene *m_scene;
    ErdView *m_view;
    erd::Density m_densityValue = erd::Density::Full;
    bool m_loaded = false;          // a diagram has been drawn once (later loads are refreshes)
    bool m_loading = false;
    bool m_fitAfterLayout = false;
    int m_generation = 0;           // stale catalog reads are dropped
    QComboBox *m_density = nullptr;
    QComboBox *m_engine = nullptr;
    QSpinBox *m_hops = nullptr;
    QLineEdit *m_find = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_zoom = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace strata::ui
