#pragma once

// The data grid tab of one table or view: a toolbar (Save, Revert, Undo, Undo last save,
// Refresh, Add, Duplicate, Delete, Set NULL, Edit value), a banner (read-only or key-less
// tables, save failures), the filter row, the grid (GridView: row numbers, a frozen header,
// any number of rows) and a status line (rows loaded / total, count state with Cancel, time
// of the last fetch, pending changes) with a note after each save ("Saved 3 changes: 1
// inserted, 2 updated."). A new row the user was on stays in view and selected after Save,
// wherever its key puts it in the grid's order. The grid takes the keyboard focus when the tab
// shows; its columns fit the first rows read (capped) unless the user sized them before.
//
// Connections: rows are read through the database's reader connection, shared by every grid
// tab of that database (GridTabServices::readers, a ReaderPool): a second tab opens no
// connection and reads at once. The tab opens one connection of its own from the tree's
// connection spec, which counts in the background and saves, so that counting never delays
// a window and writes never go through the shared reader. Without a pool (tests, benches,
// no tree connection) the tab opens its own reader and its own background connection, as
// before: the reader then also saves.
//
// Description: when the catalog already described the table (GridTabServices::descriptions,
// filled by the object tree), the model opens from it without a describe query; a stale one
// is found by the first read and the table is described again.
//
// Pending edits are the tab's PendingWork (gridtabpending.cpp): closing the tab, its
// connection or the window asks first. Refresh, and a schema change announced for its table
// (setSchemaNotifier), read the table's description again: new columns show, pending edits
// stay (a changed structure waits for them to be saved or reverted).

#include "data/io/exportoptions.h"
#include "connection/connectionstring.h"
#include "data/gridspec.h"
#include "tree/objecttreemodel.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QTimer;
class QToolButton;

class QMenu;

namespace strata::catalog { class DescriptionStore; class SchemaNotifier; struct SchemaChange; }
namespace strata::connection { class ReaderPool; }
namespace strata::data { class TableModel; }

namespace strata::ui {

class GridDelegate;
class GridFilterRow;
class GridView;
class PendingWork;

/// What the main window shares between grid tabs (not owned; each may be null).
struct GridTabServices {
    connection::ReaderPool *readers = nullptr;            ///< one reader connection per database
    catalog::DescriptionStore *descriptions = nullptr;    ///< descriptions the catalog already read
};

class GridTab : public QWidget {
    Q_OBJECT
public:
    GridTab(const connection::ConnectionSpec &spec, const ObjectRef &object, QWidget *parent = nullptr,
            const GridTabServices &services = {});
    ~GridTab() override;

    const ObjectRef &object() const { return m_object; }
    data::TableModel *model() const { return m_model; }
    GridView *view() const { return m_view; }
    GridFilterRow *filterRow() const { return m_filters; }
    QLabel *statusLabel() const { return m_status; }
    /// The note the last save left in the status row (hidden until a save, and after the next edit).
    QLabel *saveNote() const { return m_saveNote; }
    QLabel *banner() const { return m_banner; }
    /// Applies filters once the table is open.
    void setInitialSpec(const data::GridSpec &spec);
    /// Shows only the rows whose `column` (empty: the one-column primary key) equals
    /// `value`, once the table is open: "go to referenced row".
    void showMatching(const QString &column, const QString &value);

    QAction *saveAction() const { return m_save; }
    QAction *revertAction() const { return m_revert; }
    QAction *addRowAction() const { return m_add; }
    QAction *deleteAction() const { return m_delete; }
    QAction *setNullAction() const { return m_setNull; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *undoLastSaveAction() const { return m_undoSave; }
    /// Opens the tab's connections again after they were lost; pending edits stay.
    void reconnect();
    /// The banner's links: "reconnect", "editview" (opt in to editing an updatable view),
    /// "cancelcopy" (stop reading the rows of a copy).
    void onBannerLink(const QString &link);
    /// Follows schema changes of this tab's database (ObjectRef::connectionId): a change that
    /// touches the table reads its description and rows again.
    void setSchemaNotifier(catalog::SchemaNotifier *notifier);

Q_SIGNALS:
    /// The table opened (or failed to); tests wait on it.
    void opened(bool ok);
    /// "Go to referenced row" on a foreign-key cell: open `table` showing `column` = `value`.
    void referencedRowRequested(const strata::ui::ObjectRef &table, const QString &column, const QString &value);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void onOpened(bool ok, const Error &error);
    void applyTableInfo();
    void onStructureChanged();
    void showTableNote();
    void refreshNow();
    // pending work (gridtabpending.cpp)
    void attachPendingWork();
    void savePending(std::function<void(const Status &)> done);
    void commitOpenEditor();
    void onSchemaChanged(const catalog::SchemaChange &change);
    void applyFilters();
    void updateStatus();
    void updateActions();
    void showBanner(const QString &text, bool error);
    void save();
    void onSaveFinished(bool ok, const Error &error, int row);
    void showSaveNote();
    void onRowLocated(const QVariantList &identity, int modelRow);
    void keepPlace(int modelRow, qint64 delta);
    void editInDialog(const QModelIndex &index);
    void pasteClipboard();
    void showContextMenu(const QPoint &pos);
    void goToReferenced(const QModelIndex &index);
    /// The selected cells (their bounding rectangle) as text in `format`, on the clipboard:
    /// rows not in the cache are read first (off the GUI thread, bounded, cancellable).
    void copySelection(data::io::Format format);
    /// Exports every row the grid shows (filters and sort applied) through the export dialog.
    void exportRows();
    void addCopyMenu(QMenu &menu);
    /// The model rows of the selection (or the current row), at most `limit`; `more` says
    /// whether rows were left out.
    QList<int> selectedRows(int limit = 100000, bool *more = nullptr) const;
    void fitColumns();
    QString settingsKey() const;
    void restoreWidths();
    void saveWidths();

    ObjectRef m_object;
    connection::ConnectionSpec m_spec;   // profile + in-memory password, for the export dialog
    QString m_connectionName;
    QPointer<connection::ReaderPool> m_readers;   // set when m_reader is shared (the pool owns it)
    connection::Connection *m_reader;
    connection::Connection *m_background;
    data::TableModel *m_model;
    GridView *m_view;
    GridDelegate *m_delegate;
    GridFilterRow *m_filters;
    QLabel *m_banner;
    QLabel *m_status;
    QToolButton *m_cancelCount;
    QLabel *m_saveNote;
    QTimer *m_saveNoteTimer;
    int m_followInsert = -1;        // the new row (insert index) to keep in view after the save running
    int m_followColumn = 0;
    QVariantList m_followIdentity;  // ... and its identity, while it is located
    QString m_bannerText;
    QList<int> m_savedWidthColumns;   // columns the user sized (remembered); the others fit their rows
    bool m_fitting = false;
    bool m_fitted = false;            // the columns fit the first window since the table opened
    bool m_focused = false;           // the grid took the focus when the tab first showed
    bool m_outdatedShown = false;   // the "structure changed" note was shown
    PendingWork *m_pendingWork = nullptr;
    catalog::SchemaNotifier *m_notifier = nullptr;
    std::optional<data::GridSpec> m_initialSpec;
    std::optional<QPair<QString, QString>> m_match;   // showMatching() before the table opened

    QAction *m_save = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_undoSave = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_add = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_setNull = nullptr;
    QAction *m_editValue = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_copy = nullptr;
};

} // namespace strata::ui
