#include "tablemodel.h"

#include "base/undecodabletext.h"
#include "connection/connection.h"

namespace strata::data {

using connection::Connection;
using connection::JobContext;

TableModel::TableModel(Connection *reader, Connection *background, QObject *parent, int windowSize, int maxWindows)
    : RowWindowModel(parent)
    , m_reader(reader)
    , m_background(background ? background : reader)
    , m_cache(windowSize, maxWindows)
{
    watchConnections();
}

TableModel::~TableModel()
{
    // Stop reads and counts in flight; their results are dropped (this is their context).
    if (m_inFlightConnection && m_inFlight >= 0 && !(m_saving && writerConnection() == m_inFlightConnection))
        m_inFlightConnection->cancel(this);
    if (m_background && m_backgroundBusy && m_background != m_reader && !(m_saving && writerConnection() == m_background))
        m_background->cancel(this);
}

namespace {

/// The grid's session settings, for every (re)opened reader connection.
Status setUpSession(JobContext &job)
{
    if (job.dialect.kind() != dialect::DialectKind::Postgres)
        return {};
    // OFFSET pages without ORDER BY (tables without a key, views) must see the rows in one
    // stable order: no synchronized scans starting mid-table, no parallel workers
    // interleaving their rows. Values are read as text and bound back as text, so their
    // output must be lossless and the same on both connections: floats (and the geometric
    // types built on them, compared by their text: dialect/comparedcolumn.h) in the shortest
    // exact form, bytea in hex as psql shows it (QPSQL sets "escape" on its sessions).
    for (const QString &sql : {QStringLiteral("SET synchronize_seqscans = off"), QStringLiteral("SET max_parallel_workers_per_gather = 0"),
                               QStringLiteral("SET extra_float_digits = 3"), QStringLiteral("SET bytea_output = hex")})
        if (Status set = execNative(job.native, job.dialect, sql); !set)
            return set;
    return {};
}

} // namespace

void TableModel::watchConnections()
{
    // A lost connection is reopened by its owner (Connection::reconnect()); then the reader
    // gets its session settings again and every row is read again. Pending edits are keyed
    // by row identity, so they find their rows in the new reads; a save that failed with the
    // connection kept them all.
    for (connection::Connection *c : {m_reader.data(), m_background.data()}) {
        if (!c)
            continue;
        connect(c, &connection::Connection::stateChanged, this, [this, c](connection::Connection::State state) {
            if (state == connection::Connection::State::Lost) {
                m_lostConnection = true;
                Q_EMIT statusChanged();
                return;
            }
            if (state != connection::Connection::State::Open || !m_lostConnection || !m_open)
                return;
            const bool bothOpen = m_reader && m_reader->state() == connection::Connection::State::Open && m_background
                               && m_background->state() == connection::Connection::State::Open;
            if (!bothOpen)
                return;
            m_lostConnection = false;
            setUpSessions(true);
            refresh();
            Q_EMIT reconnected();
        });
    }
}

void TableModel::setUpSessions(bool reader)
{
    auto setUp = [](JobContext &job) -> Result<bool> {
        if (Status set = setUpSession(job); !set)
            return set.error();
        return true;
    };
    if (m_background && m_background != m_reader)
        m_background->run<bool>(this, setUp);
    if (reader && m_reader)
        m_reader->run<bool>(this, setUp);
}

void TableModel::open(const QString &schema, const QString &name, const std::optional<catalog::TableDetail> &known)
{
    if (!m_reader)
        return;
    setUpSessions(false);   // the reader's come with the table's description, below
    const bool readOnly = m_reader->profile().readOnly || m_reader->serverInfo().readOnly;
    const dialect::DialectKind kind = m_reader->profile().driver;
    m_checkDescription = known.has_value();
    if (!known)
        ++m_describeCount;
    readConnection()->run<KnownTableInfo>(
        this,
        [schema, name, readOnly, known, kind](JobContext &job) -> Result<KnownTableInfo> {
            if (Status set = setUpSession(job); !set)
                return set.error();
            if (known)
                return tableInfoFromKnown(job.db, kind, *known, readOnly);
            Result<TableInfo> info = loadTableInfo(job.db, job.dialect.kind(), schema, name, readOnly);
            if (!info)
                return info.error();
            return KnownTableInfo{std::move(info.value()), false};
        },
        [this](Result<KnownTableInfo> info) {
            if (info && info->describedAgain)
                ++m_describeCount;
            finishOpen(info ? Result<TableInfo>(std::move(info->info)) : Result<TableInfo>(info.error()));
        });
}

void TableModel::finishOpen(Result<TableInfo> info)
{
    if (!info) {
        Q_EMIT opened(false, info.error());
        return;
    }
    beginResetModel();
    m_builder = GridSqlBuilder(info.value(), GridSpec{});
    m_writer = GridWriter(info.value());
    m_open = true;
    resetReading(false);
    endResetModel();
    Q_EMIT opened(true, Error());
    Q_EMIT statusChanged();
    requestWindow(0);
}

void TableModel::setWriter(connection::Connection *writer)
{
    m_writerConnection = writer;
}

connection::Connection *TableModel::readConnection() const
{
    // A shared reader with jobs queued or running (another tab's slow read, a read waiting
    // for a lock) would make this tab wait behind them: its own connection reads instead,
    // when it is open and idle (not counting or sampling). A reader of its own is used as is.
    const bool sharedBusy = m_writerConnection && m_reader && m_reader->pendingJobs() > 0;
    using State = connection::Connection::State;
    if (sharedBusy && m_background && m_background != m_reader && !m_backgroundBusy
        && (m_background->state() == State::Open || m_background->state() == State::Connecting))
        return m_background.data();   // a job posted while it connects runs once it is open
    return m_reader.data();
}

connection::Connection *TableModel::writerConnection() const
{
    return m_writerConnection ? m_writerConnection.data() : m_reader.data();
}

TableModel::RowRef TableModel::rowRef(int row) const
{
    RowRef ref;
    const int inserted = insertedRowCount();
    const qint64 absolute = absoluteRow(row);
    if (absolute < inserted) {
        // The view may ask between an edit and the rows signal that follows it.
        if (absolute < m_edits.inserts().size()) {
            ref.insertIndex = int(absolute);
            ref.edit = &m_edits.inserts().at(ref.insertIndex);
        }
        return ref;
    }
    ref.tableRow = absolute - inserted;
    ref.read = m_cache.row(ref.tableRow);
    if (ref.read)
        ref.edit = m_edits.find(ref.read->mid(0, m_builder.table().identityWidth()));
    return ref;
}

QVariant TableModel::cellRaw(const RowRef &ref, int column, bool *isDefault) const
{
    if (isDefault)
        *isDefault = false;
    if (ref.insertIndex >= 0) {
        if (ref.edit->changes.contains(column))
            return ref.edit->changes.value(column);
        if (isDefault)
            *isDefault = true;
        return {};
    }
    if (ref.edit && ref.edit->changes.contains(column))
        return ref.edit->changes.value(column);
    if (!ref.read)
        return {};
    return ref.read->value(m_builder.table().identityWidth() + column);
}

TableModel::RowState TableModel::rowState(const RowRef &ref) const
{
    if (ref.insertIndex >= 0)
        return ref.edit->error.isEmpty() ? RowState::Inserted : RowState::Failed;
    if (!ref.read)
        return RowState::Loading;
    if (!ref.edit)
        return RowState::Clean;
    if (!ref.edit->error.isEmpty())
        return RowState::Failed;
    return ref.edit->kind == EditKind::Delete ? RowState::Deleted : RowState::Updated;
}

QVariant TableModel::cellData(const RowRef &ref, int column, int role) const
{
    const ColumnMeta &meta = m_builder.table().columns.at(column);
    const auto kind = m_builder.table().dialect;
    bool isDefault = false;
    const QVariant raw = cellRaw(ref, column, &isDefault);
    const bool loaded = ref.read || ref.insertIndex >= 0;
    switch (role) {
    case Qt::DisplayRole: return loaded ? QVariant(rawToDisplay(kind, meta.type, raw)) : QVariant();
    case Qt::EditRole: return rawToEdit(kind, meta.type, raw);
    case RawRole: return raw;
    case IsNullRole: return loaded && !isDefault && isSqlNull(raw);
    case IsDefaultRole: return isDefault;
    case CellChangedRole: return ref.edit && ref.edit->changes.contains(column);
    case LoadedRole: return loaded;
    case RowStateRole: return int(rowState(ref));
    case RowErrorRole: return ref.edit ? ref.edit->error : QString();
    case Qt::TextAlignmentRole: {
        const bool number = meta.type == ValueType::Integer || meta.type == ValueType::Real || meta.type == ValueType::Numeric;
        return QVariant::fromValue(Qt::Alignment((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    case Qt::ToolTipRole: {
        if (!ref.edit || ref.edit->error.isEmpty()) {
            const QString reason = loaded ? readOnlyReasonOf(ref, column) : QString();
            return reason.isEmpty() || !isEditable() ? QVariant() : QVariant(tr("Read-only: %1").arg(reason));
        }
        QString tip = ref.edit->error;
        if (ref.edit->conflict) {
            const QString theirs = !ref.edit->theirs ? tr("(row deleted)")
                                 : rawToText(kind, meta.type, ref.edit->theirs->value(column));
            tip += QStringLiteral("\n") + tr("Theirs: %1\nMine: %2").arg(theirs, rawToText(kind, meta.type, raw));
        }
        return tip;
    }
    default: return {};
    }
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_open ? 0 : int(m_builder.table().columns.size());
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const RowRef ref = rowRef(index.row());
    if (!ref.read && ref.tableRow >= 0 && role == Qt::DisplayRole)
        requestWindow(m_cache.windowOf(ref.tableRow));
    return cellData(ref, index.column(), role);
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        const ColumnMeta &meta = m_builder.table().columns.at(section);
        if (role == Qt::DisplayRole)
            return meta.name;
        if (role == Qt::ToolTipRole) {
            QString tip = meta.name + QStringLiteral(" — ") + meta.declaredType;
            if (meta.keyPosition > 0)
                tip += tr(", primary key");
            if (!meta.nullable)
                tip += tr(", not null");
            if (const QString reason = columnReadOnlyReason(section); !reason.isEmpty())
                tip += QLatin1Char('\n') + tr("Read-only: %1").arg(reason);
            return tip;
        }
        return {};
    }
    if (role == Qt::DisplayRole && section >= 0 && section < rowCount()) {
        const int inserted = insertedRowCount();
        const qint64 row = absoluteRow(section) - inserted;
        if (row < 0)
            return QStringLiteral("+");
        // A row read from an estimated position: its number is shown as the guess it is.
        if (isRowApproximate(row))
            return QString(QChar(0x2248) + QString::number(row + 1));
        return qlonglong(row + 1);
    }
    return {};
}

QString TableModel::columnReadOnlyReason(int column) const
{
    const ColumnMeta &meta = m_builder.table().columns.at(column);
    if (meta.generated)
        return tr("%1 is a generated column: the database computes its values.").arg(meta.name);
    return meta.readOnlyReason;
}

QString TableModel::cellReadOnlyReason(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    return readOnlyReasonOf(rowRef(index.row()), index.column());
}

QString TableModel::readOnlyReasonOf(const RowRef &ref, int column) const
{
    if (QString reason = columnReadOnlyReason(column); !reason.isEmpty())
        return reason;
    const QVariant raw = cellRaw(ref, column);
    if (isUndecodableText(raw))
        return tr("This text is not valid UTF-8 (%n byte(s)): it cannot be shown exactly, so Strata does not write over it. "
                  "Copy as SQL INSERT keeps its bytes.", nullptr, int(raw.value<UndecodableText>().bytes.size()));
    return {};
}

Qt::ItemFlags TableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() || index.column() >= columnCount())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    if (!isEditable() || !cellReadOnlyReason(index).isEmpty())
        return f;
    const RowRef ref = rowRef(index.row());
    if (ref.insertIndex >= 0 || (ref.read && !(ref.edit && ref.edit->kind == EditKind::Delete)))
        f |= Qt::ItemIsEditable;
    return f;
}

bool TableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_open && m_countState == CountState::Unknown && m_moreRows;
}

void TableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestWindow(m_cache.windowOf(m_tableRows));
}

void TableModel::sort(int column, Qt::SortOrder order)
{
    GridSpec spec = m_builder.spec();
    spec.sort.clear();
    if (column >= 0 && column < columnCount())
        spec.sort.append(SortKey{column, order == Qt::DescendingOrder});
    setSpec(spec);
}

void TableModel::setSpec(const GridSpec &spec)
{
    if (!m_open || spec == m_builder.spec())
        return;
    beginResetModel();
    m_builder = GridSqlBuilder(m_builder.table(), spec);
    resetReading(false);
    endResetModel();
    Q_EMIT statusChanged();
    requestWindow(0);
}

bool TableModel::enableViewEditing()
{
    if (!canEditView())
        return false;
    TableInfo info = m_builder.table();
    if (!info.enableViewEditing())
        return false;
    const bool identityChanged = info.identity != m_builder.table().identity;
    if (identityChanged)
        beginResetModel();   // rows are read again with their identity in front
    m_builder = GridSqlBuilder(info, m_builder.spec());
    m_writer = GridWriter(info);
    if (identityChanged) {
        resetReading(true);
        endResetModel();
        requestWindow(0);
    } else {
        emitAllChanged();
    }
    Q_EMIT statusChanged();
    return true;
}

const RowEdit *TableModel::editAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return rowRef(row).edit;
}

} // namespace strata::data
