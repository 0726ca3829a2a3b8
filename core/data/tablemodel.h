#pragma once

// TableModel: the grid over one table or view, with an optional filter and sort, for any
// number of rows. GUI thread; QtCore only (tested headless with QAbstractItemModelTester).
//
// Reading. Rows are read in windows (RowCache) by jobs on the `reader` Connection, never
// on the GUI thread: data() for a row that is not cached returns nothing, queues its window
// and dataChanged() follows when it arrives. Only one window read is in flight; among the
// queued ones the most recently wanted goes first, and the oldest are dropped, so a fast
// scroll does not build a backlog. Each read is planned by planWindow() (keyset from a
// neighbour, a boundary or the end; OFFSET only without a key order). Results of an older
// generation (sort, filter or refresh since) are dropped; changing them cancels the read
// in flight.
//
// Counting. On the `background` Connection (so that it never delays a window): the cheap
// estimate first (PostgreSQL reltuples, SQLite max(rowid)), then count(*), which
// cancelCount() stops, then key boundaries are sampled in chunks (every windowSize-th key)
// so a jump anywhere is one short keyset read. Before the boundaries are complete, a far
// jump on PostgreSQL lands on a key estimated from the planner's histogram (or a TABLESAMPLE):
// its rows are real and consistent with their neighbours, but their row numbers are shown
// as approximate (isRowApproximate(), "≈" in the vertical header) until sampling ends; then
// the model locates the landing key exactly and emits rowsRepositioned() so that the view
// keeps the user's place. Until a count is known, rowCount() grows as
// rows arrive (canFetchMore / fetchMore).
//
// Rows. Counts are 64-bit: a RowWindowModel, whose model rows are a window over the
// absolute rows (new rows first, then the table's rows), so that a table of more than 2^31
// rows is shown with its true count and every row reachable; below a billion rows the
// window never moves and model rows are absolute rows.
//
// Editing. Changes wait in an EditBuffer keyed by row identity and survive sort, filter
// and refresh; new rows are shown first, above the table's rows. save() writes them in one
// transaction through GridWriter (reader connection); a failure keeps every edit and marks
// the failing row; a conflict keeps "theirs" for resolveConflict(). undoLastSave() reverts
// the last committed save with the same checks. A read-only table or connection refuses
// every edit (see TableInfo::readOnlyReason). After a save, lastSaveSummary() says what was
// written, savedInsertIdentity() the key the server gave each new row, and locateRow()
// finds where such a row now sits in the grid's order (rowLocated()), so a view can keep
// the row the user just added in sight.
//
// Structure. refresh() reads the table's description again before its rows
// (tablemodelstructure.cpp): a column added, dropped or retyped elsewhere (the table
// designer, a migration, another tool) shows, with the filters and sort kept by column name.
// Pending edits are keyed by column position, so while any are pending a changed structure
// waits (isStructureOutdated()): the grid keeps the columns it has until the edits are saved
// or reverted, then takes the new ones by itself.

#include "editbuffer.h"
#include "rowwindowmodel.h"
#include "gridwriter.h"
#include "nativequery.h"
#include "rowcache.h"
#include "windowplanner.h"

#include <QDateTime>
#include <QPointer>
#include <memory>

namespace strata::connection { class Connection; }

namespace strata::data {

class TableModel : public RowWindowModel {
    Q_OBJECT
public:
    enum Role {
        RawRole = Qt::UserRole + 1,   ///< the raw value (see valuetype.h)
        IsNullRole,                   ///< bool: SQL NULL (not for DEFAULT cells of new rows)
        IsDefaultRole,                ///< bool: a new row's cell left to the server's DEFAULT
        RowStateRole,                 ///< int(RowState)
        CellChangedRole,              ///< bool: this cell has a pending change
        RowErrorRole,                 ///< QString: why the last save failed on this row
        LoadedRole,                   ///< bool: the row is in the cache
    };
    enum class RowState { Loading, Clean, Updated, Inserted, Deleted, Failed };
    enum class CountState { Unknown, Estimate, Exact };
    /// What the last successful save (or undo of a save) wrote, statement by statement.
    struct SaveSummary {
        int inserted = 0;
        int updated = 0;
        int deleted = 0;
        bool undo = false;   ///< it was "Undo last save"
        int total() const { return inserted + updated + deleted; }
    };
    Q_ENUM(RowState)
    Q_ENUM(CountState)

    /// Both connections must be open (they may be the same object); the model does not own them.
    TableModel(connection::Connection *reader, connection::Connection *background, QObject *parent = nullptr,
               int windowSize = 256, int maxWindows = 40);
    ~TableModel() override;

    /// Reads the relation's description, then starts reading rows; opened() tells the outcome.
    /// With `known` (the catalog's description, e.g. the object tree's), no describe query
    /// runs: only what the catalog does not say (view updatability, PostgreSQL enum labels).
    /// If the first read then fails (the description was stale: a column dropped outside
    /// Strata), the model describes the table itself and reads again.
    void open(const QString &schema, const QString &name, const std::optional<catalog::TableDetail> &known = {});
    /// Describe reads this model issued (open, refresh, a stale description): tests, benches.
    int describeCount() const { return m_describeCount; }
    /// Saves (and undo of a save) go through `writer` instead of the reader: the grid tab's
    /// own connection, when the reader is shared with other tabs for reads only. Not owned;
    /// null: the reader.
    void setWriter(connection::Connection *writer);
    bool isOpen() const { return m_open; }
    const TableInfo &tableInfo() const { return m_builder.table(); }

    const GridSpec &spec() const { return m_builder.spec(); }
    /// Every row the grid shows, as one query (for export): see GridSqlBuilder::selection().
    BoundSql selectionQuery() const { return m_builder.selection(); }
    /// New filter/sort: cancels what is in flight, drops the cache, keeps pending edits.
    void setSpec(const GridSpec &spec);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// Reads the rows and the count again, and the description before them; pending edits
    /// stay (see "Structure" above). structureChanged() follows when the columns changed.
    void refresh();
    /// The table's structure changed on the server but pending edits hold the old one.
    bool isStructureOutdated() const { return m_structureOutdated; }

    // Status
    qint64 tableRowCount() const { return m_tableRows; }
    CountState countState() const { return m_countState; }
    bool isCounting() const { return m_counting; }
    /// Why the last count failed (a bad WHERE, a lost connection); empty while it did not.
    const std::optional<Error> &countError() const { return m_countError; }
    void cancelCount();
    qint64 loadedRowCount() const { return m_cache.rowCount(); }
    int cachedWindowCount() const { return m_cache.windowCount(); }
    int windowSize() const { return m_cache.windowSize(); }
    int boundaryCount() const { return m_boundaries.size(); }
    bool boundariesComplete() const { return m_boundariesComplete; }
    bool isFetching() const { return m_inFlight >= 0; }
    qint64 lastFetchMs() const { return m_lastFetchMs; }
    QDateTime lastFetchTime() const { return m_lastFetchTime; }
    bool isTableRowLoaded(qint64 tableRow) const { return m_cache.row(tableRow) != nullptr; }
    /// True when the row is loaded from an estimated position: its number is a guess.
    bool isRowApproximate(qint64 tableRow) const;
    bool hasApproximateRows() const { return m_approxWindows.size() > 0; }
    /// Rows an exact read may step over before a far jump lands on an estimated key
    /// (default 200,000: about 30 ms of index entries); 0 or less turns estimates off.
    void setApproximationThreshold(qint64 rows) { m_approxThreshold = rows; }
    /// Asks for the window holding a table row (bench, tests, "go to row").
    void fetchTableRow(qint64 tableRow);
    /// Reads what the grid shows (raw values, pending edits applied) of absolute rows
    /// [first, last] (new rows first, as model rows are) for `columns`: from the cache where
    /// loaded, otherwise by exact reads of at most 8,192 rows each on the reader connection,
    /// so that window reads go between them. `done` gets the rows in order — synchronously
    /// when every row is loaded — or an error: Unsupported past `maxRows` rows, Cancelled
    /// after cancelRangeRead(), a new range read, or a new filter or sort. For copying a
    /// selection that spans rows not in the cache.
    void readRange(qint64 first, qint64 last, const QList<int> &columns,
                   std::function<void(Result<QList<QVariantList>>)> done, qint64 maxRows = 100000);
    void cancelRangeRead();
    bool isReadingRange() const { return m_range != nullptr; }
    int insertedRowCount() const { return m_shownInserted; }
    /// The model row of a table row (new rows come first), or -1 outside the model's window.
    int modelRow(qint64 tableRow) const { return windowRow(tableRow + insertedRowCount()); }

    // Editing
    bool isEditable() const { return m_open && m_builder.table().editable(); }
    /// Why this cell cannot be written even though the table can (a generated column, a
    /// column of a type whose values cannot be written); empty when it can. Shown as the
    /// cell's tooltip.
    QString cellReadOnlyReason(const QModelIndex &index) const;
    QString readOnlyReason() const { return m_builder.table().readOnlyReason; }
    /// An updatable view the user may opt in to edit ("Edit anyway").
    bool canEditView() const { return m_open && m_builder.table().updatableView && !isEditable(); }
    /// Opts in to editing an updatable view; false when it is not one (see TableInfo).
    bool enableViewEditing();
    int pendingCount() const { return m_edits.pendingCount(); }
    bool isSaving() const { return m_saving; }
    /// A connection of the model was lost and is not open again yet (edits are kept).
    bool isConnectionLost() const { return m_lostConnection; }
    bool setNull(const QModelIndex &index);
    /// Adds an empty new row (all DEFAULT) and returns its model row, or -1.
    int addRow();
    /// Adds a new row with the values of `row` (not keys with defaults, not generated columns).
    int duplicateRow(int row);
    /// Marks table rows deleted and drops new rows.
    void deleteRows(const QList<int> &rows);
    /// Pastes tab-separated text (a spreadsheet's clipboard) into pending edits from
    /// `topLeft`, as one undo step; nothing changes and `error` says why when a value does
    /// not fit its column or a target row is not loaded.
    bool pasteText(const QModelIndex &topLeft, const QString &text, QString *error = nullptr);
    bool canUndo() const { return m_edits.canUndo(); }
    bool undo();
    /// Drops every pending edit (named so: views call QAbstractItemModel::revert() on Escape).
    void revertAll();
    void save();
    bool canUndoLastSave() const { return !m_saveHistory.isEmpty() && !m_saving; }
    void undoLastSave();
    /// After a conflict on `row`: keep mine (theirs becomes the base, Save overwrites) or take
    /// theirs (drop my change). Keep mine needs their row: false, and nothing changes, when
    /// the row was deleted or (a table without a key) moved where it cannot be found again.
    bool resolveConflict(int row, bool keepMine);
    /// True when `row` has a conflict whose current server row is known (Keep mine possible).
    bool canKeepMine(int row) const;
    /// The pending edit on a row, or nullptr.
    const RowEdit *editAt(int row) const;
    /// What the last successful save wrote (valid from its saveFinished(true) on).
    SaveSummary lastSaveSummary() const { return m_lastSave; }
    /// The identity (key, rowid or ctid) the last successful save gave the new row that was
    /// at model row `insertIndex` before it; empty when there was none.
    QVariantList savedInsertIdentity(int insertIndex) const { return m_savedInserts.value(insertIndex); }
    /// Finds the model row of the row with this identity under the current filter and sort
    /// (a query on the reader connection) and reads its window; rowLocated() answers once the
    /// row count reaches it. Dropped when the filter, sort or rows are read again meanwhile.
    void locateRow(const QVariantList &identity);

    // QAbstractItemModel
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void opened(bool ok, const strata::Error &error);
    /// Counts, fetch times, pending edits or save state changed (status line).
    void statusChanged();
    void windowLoaded(int window);
    void fetchFailed(const strata::Error &error);
    void countFinished();
    void boundariesSampled();
    /// Approximate rows were located: the row shown at `modelRow` is now at `modelRow + delta`
    /// (a view scrolls by `delta` to keep its place). Emitted before the rows change.
    void rowsRepositioned(int modelRow, qint64 delta);
    /// Both connections are open again after one was lost; rows are being read again and
    /// every pending edit is still there.
    void reconnected();
    /// A save (or undo of a save) ended; on failure `row` is the model row that failed, or -1.
    void saveFinished(bool ok, const strata::Error &error, int row);
    /// locateRow()'s answer: the row's model row, or -1 when the filters hide it (or it is gone).
    void rowLocated(const QVariantList &identity, int modelRow);
    /// refresh() found other columns (or another key) and the model was reset to them.
    void structureChanged();

private:
    struct RowRef {
        const QVariantList *read = nullptr;   // table row as read, or nullptr
        const RowEdit *edit = nullptr;        // pending edit
        int insertIndex = -1;
        qint64 tableRow = -1;
    };
    void watchConnections();
    /// Queues the grid's session settings on the background connection, and on the reader too.
    void setUpSessions(bool reader);
    RowRef rowRef(int row) const;
    QVariant cellRaw(const RowRef &ref, int column, bool *isDefault = nullptr) const;
    QVariant cellData(const RowRef &ref, int column, int role) const;
    RowState rowState(const RowRef &ref) const;
    QString columnReadOnlyReason(int column) const;
    QString readOnlyReasonOf(const RowRef &ref, int column) const;

    // reading (tablemodelfetch.cpp)
    void resetReading(bool keepRows);
    void requestWindow(int window) const;
    void scheduleDispatch() const;
    void dispatch();
    void windowArrived(int generation, const WindowPlan &plan, Result<RowSet> result, qint64 elapsedMs);
    void setTableRows(qint64 rows, CountState state);
    void startBackground();
    void backgroundDone(int generation);
    void runEstimate(int generation);
    void runCount(int generation);
    void sampleChunk(int generation, const QVariantList &after, int firstWindow);
    // sampling and approximate positions (tablemodelsample.cpp)
    void runQuantiles(int generation);
    void sampleNext(int generation, const QVariantList &from, int firstWindow);
    void sampleStepChunk(int generation, const QVariantList &from, int firstWindow);
    void samplingDone();
    void locateApproximate();
    std::optional<Approximation> approximation() const;

    // range reads (tablemodelrange.cpp)
    struct RangeRead;
    void continueRange(const std::shared_ptr<RangeRead> &range);
    void finishRange(Result<QList<QVariantList>> result);
    QVariantList rangeValues(const RowRef &ref, const QList<int> &columns) const;
    // structure (tablemodelstructure.cpp)
    bool adoptStructure(TableInfo info);
    void reread();
    void finishOpen(Result<TableInfo> info);
    connection::Connection *writerConnection() const;
    connection::Connection *readConnection() const;

    // editing (tablemodeledit.cpp)
    void syncInsertedRows(int previousInserted);
    void emitAllChanged();
    void runStatements(const QList<SaveStatement> &statements, bool isUndo);
    void saveDone(const QList<SaveStatement> &statements, bool isUndo, Result<SaveOutcome> result);
    void summarizeSave(const QList<SaveStatement> &statements, const SaveRecord &record, bool isUndo);
    void emitLocated();
    bool pasteCell(int row, int column, const QString &text, QString *error);

    QPointer<connection::Connection> m_reader;
    QPointer<connection::Connection> m_background;
    QPointer<connection::Connection> m_writerConnection;
    GridSqlBuilder m_builder;
    GridWriter m_writer{TableInfo{}};
    RowCache m_cache;
    KeyBoundaries m_boundaries;
    KeyBoundaries m_approxWindows;      // first keys of windows read from an estimated key
    KeyQuantiles m_quantiles;
    int m_approxFocus = -1;             // the approximate window read last
    bool m_approxOff = false;
    qint64 m_approxThreshold = 200000;           // an estimate missed (stale statistics): exact reads only
    EditBuffer m_edits;
    QList<SaveRecord> m_saveHistory;
    SaveSummary m_lastSave;
    QMap<int, QVariantList> m_savedInserts;   // insert index before the last save -> identity
    struct Locating {
        QVariantList identity;
        qint64 tableRow = -1;
        int generation = -1;
    };
    std::optional<Locating> m_locating;       // located, waiting for the row count to reach it
    bool m_open = false;

    int m_generation = 0;
    qint64 m_tableRows = 0;
    CountState m_countState = CountState::Unknown;
    bool m_moreRows = false;           // Unknown count: the last window read was full
    mutable QMap<int, quint64> m_wanted;   // window -> request sequence
    mutable quint64 m_requestSequence = 0;
    mutable bool m_dispatchScheduled = false;
    int m_inFlight = -1;               // window being read, or -1
    QPointer<connection::Connection> m_inFlightConnection;   // the connection reading it
    int m_inFlightGeneration = -1;
    qint64 m_lastFetchMs = 0;
    QDateTime m_lastFetchTime;

    bool m_backgroundBusy = false;
    bool m_backgroundRestart = false;
    bool m_backgroundPending = false;   // counting waits until the first window is read
    bool m_counting = false;
    bool m_countCancelled = false;
    bool m_boundariesComplete = false;
    bool m_saving = false;
    bool m_lostConnection = false;
    bool m_structureOutdated = false;
    int m_describeRequest = 0;         // the latest refresh()'s description read
    int m_describeCount = 0;
    bool m_checkDescription = false;   // opened from the catalog's description: a failed first read describes
    std::optional<Error> m_countError;
    int m_shownInserted = 0;           // inserted rows the view knows about
    std::function<void()> m_pausedSampling;   // the next sampling chunk, waiting for a window read
    std::shared_ptr<RangeRead> m_range;       // the range read under way, or null
};

} // namespace strata::data

