#include "objectpropertiestab.h"

#include "catalog/catalogjobs.h"
#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "widgets/objecticons.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QTableWidget *makeTable(QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

QString keyText(const catalog::ColumnInfo &column, const catalog::TableDetail &detail)
{
    QStringList parts;
    if (column.primaryKeyPosition > 0)
        parts << (detail.primaryKey().size() > 1 ? QStringLiteral("PK %1").arg(column.primaryKeyPosition) : QStringLiteral("PK"));
    for (const catalog::ForeignKeyInfo &fk : detail.foreignKeys)
        if (fk.columns.contains(column.name))
            parts << QStringLiteral("FK → %1").arg(fk.referencedTable);
    return parts.join(QStringLiteral(", "));
}

} // namespace

ObjectPropertiesTab::ObjectPropertiesTab(connection::Connection *connection, const ObjectRef &object, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_object(object)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_columns(makeTable(this))
    , m_indexes(makeTable(this))
    , m_foreignKeys(makeTable(this))
    , m_constraints(makeTable(this))
    , m_triggers(makeTable(this))
    , m_ddl(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setText(object.schema.isEmpty() || object.schema == QLatin1String("main")
                         ? object.name : object.schema + QLatin1Char('.') + object.name);
    m_status->setText(tr("Loading…"));
    m_status->setStyleSheet(QStringLiteral("color: #555;"));

    m_ddl->setReadOnly(true);
    m_ddl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ddl->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_ddl->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *ddlPage = new QWidget(this);
    auto *copy = new QPushButton(tr("Copy DDL"), ddlPage);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_ddl->toPlainText()); });
    auto *ddlLayout = new QVBoxLayout(ddlPage);
    ddlLayout->setContentsMargins(0, 4, 0, 0);
    ddlLayout->addWidget(m_ddl, 1);
    ddlLayout->addWidget(copy, 0, Qt::AlignRight);

    m_tabs->addTab(m_columns, objectIcon(ObjectIcon::Column), tr("Columns"));
    m_tabs->addTab(m_indexes, objectIcon(ObjectIcon::Index), tr("Indexes"));
    m_tabs->addTab(m_foreignKeys, objectIcon(ObjectIcon::ForeignKey), tr("Foreign keys"));
    m_tabs->addTab(m_constraints, objectIcon(ObjectIcon::Constraint), tr("Constraints"));
    m_tabs->addTab(m_triggers, objectIcon(ObjectIcon::Trigger), tr("Triggers"));
    m_tabs->addTab(ddlPage, tr("DDL"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch(1);
    header->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);
    reload();
}

void ObjectPropertiesTab::addPage(QWidget *page, const QString &title)
{
    m_tabs->addTab(page, title);
}

void ObjectPropertiesTab::reload()
{
    m_status->setText(tr("Loading…"));
    catalog::fetchTableDetail(*m_connection, this, m_object.schema, m_object.name,
                              [this](Result<catalog::TableDetail> r) {
        if (!r) {
            m_status->setText(tr("Could not load: %1").arg(r.error().message));
            m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
            Q_EMIT loadFinished(false);
            return;
        }
        show(r.value());
        m_loaded = true;
        Q_EMIT loadFinished(true);
    });
}

void ObjectPropertiesTab::show(const catalog::TableDetail &detail)
{
    const catalog::RelationInfo &rel = detail.relation;
    QString status = catalog::relationKindName(rel.kind);
    if (rel.estimatedRows >= 0)
        status += tr(" · ≈ %L1 rows").arg(rel.estimatedRows);
    else if (rel.rowsUnknown)
        status += tr(" · rows unknown (not analysed yet)");
    if (detail.primaryKey().isEmpty() && rel.kind == catalog::RelationKind::Table)
        status += tr(" · no primary key");
    if (rel.withoutRowid)
        status += QStringLiteral(" · WITHOUT ROWID");
    m_status->setText(status);
    fillColumns(detail);

    QList<QStringList> rows;
    for (const catalog::IndexInfo &i : detail.indexes)
        rows << QStringList{i.name, i.columns.join(QStringLiteral(", ")), i.unique ? tr("yes") : QString(), i.predicate, i.definition};
    fillSimpleTable(m_indexes, {tr("Name"), tr("Columns"), tr("Unique"), tr("Where"), tr("Definition")}, rows);
    rows.clear();
    for (const catalog::ForeignKeyInfo &fk : detail.foreignKeys)
        rows << QStringList{fk.name, fk.columns.join(QStringLiteral(", ")),
                            (fk.referencedSchema.isEmpty() ? QString() : fk.referencedSchema + QLatin1Char('.')) + fk.referencedTable,
                            fk.referencedColumns.join(QStringLiteral(", ")), fk.onDelete, fk.onUpdate};
    fillSimpleTable(m_foreignKeys, {tr("Name"), tr("Columns"), tr("References"), tr("Referenced columns"), tr("On delete"), tr("On update")}, rows);
    rows.clear();
    static const QStringList kindNames{QStringLiteral("PRIMARY KEY"), QStringLiteral("UNIQUE"), QStringLiteral("CHECK"), QStringLiteral("EXCLUDE")};
    for (const catalog::ConstraintInfo &c : detail.constraints)
        rows << QStringList{c.name, kindNames.value(int(c.kind)), c.columns.join(QStringLiteral(", ")), c.expression};
    fillSimpleTable(m_constraints, {tr("Name"), tr("Kind"), tr("Columns"), tr("Definition")}, rows);
    rows.clear();
    for (const catalog::TriggerInfo &t : detail.triggers)
        rows << QStringList{t.name, t.timing, t.events.join(QStringLiteral(", ")), t.definition};
    fillSimpleTable(m_triggers, {tr("Name"), tr("Timing"), tr("Events"), tr("Definition")}, rows);
    m_ddl->setPlainText(detail.ddl);
    m_tabs->setTabText(1, tr("Indexes (%1)").arg(detail.indexes.size()));
    m_tabs->setTabText(2, tr("Foreign keys (%1)").arg(detail.foreignKeys.size()));
    m_tabs->setTabText(3, tr("Constraints (%1)").arg(detail.constraints.size()));
    m_tabs->setTabText(4, tr("Triggers (%1)").arg(detail.triggers.size()));
}

void ObjectPropertiesTab::fillColumns(const catalog::TableDetail &detail)
{
    QList<QStringList> rows;
    for (const catalog::ColumnInfo &c : detail.columns) {
        QString extra;
        if (c.isIdentity)
            extra = c.identityGeneration.isEmpty() ? tr("identity") : tr("identity %1").arg(c.identityGeneration.toLower());
        if (c.isGenerated)
            extra = tr("generated: %1").arg(c.generationExpression);
        rows << QStringList{QString::number(c.position), c.name, c.dataType, c.nullable ? QString() : QStringLiteral("NOT NULL"),
                            c.defaultValue, keyText(c, detail), extra};
    }
    fillSimpleTable(m_columns, {tr("#"), tr("Name"), tr("Type"), tr("Null"), tr("Default"), tr("Key"), tr("Notes")}, rows);
    for (int row = 0; row < detail.columns.size(); ++row)
        if (detail.columns[row].primaryKeyPosition > 0)
            m_columns->item(row, 1)->setIcon(objectIcon(ObjectIcon::KeyColumn));
}

void ObjectPropertiesTab::fillSimpleTable(QTableWidget *table, const QStringList &headers, const QList<QStringList> &rows)
{
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(rows[r][c]));
    table->resizeColumnsToContents();
    // Cap wide columns; the last one stretches to the edge.
    for (int c = 0; c + 1 < table->columnCount(); ++c)
        table->setColumnWidth(c, qMin(table->columnWidth(c) + 12, 420));
}

void ObjectPropertiesTab::setSchemaNotifier(catalog::SchemaNotifier *notifier)
{
    connect(notifier, &catalog::SchemaNotifier::changed, this, [this](const catalog::SchemaChange &change) {
        if (change.touches(m_object.connectionId, m_object.schema, m_object.name))
            reload();
    });
}

} // namespace strata::ui
