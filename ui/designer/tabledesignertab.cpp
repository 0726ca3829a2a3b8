// TableDesignerTab: the layout and the form's rows. The table the form describes and its
// checks are in tabledesignerform.cpp; loading, the preview, saving and applying in
// tabledesignersave.cpp.

#include "tabledesignertab.h"

#include "combodelegate.h"
#include "schemadiff/sqlview.h"

#include "connection/connection.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    return table;
}

QTableWidgetItem *textItem(const QString &text, const QString &original = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, original);
    return item;
}

QTableWidgetItem *checkItem(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

const QStringList kActions{QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT"), QStringLiteral("CASCADE"),
                           QStringLiteral("SET NULL"), QStringLiteral("SET DEFAULT")};

} // namespace

TableDesignerTab::TableDesignerTab(const connection::ConnectionSpec &spec, int connectionId, const QString &schema,
                                   const QString &table, QWidget *parent)
    : QWidget(parent), m_spec(spec), m_connectionId(connectionId), m_schema(schema), m_originalName(table)
{
    setObjectName(QStringLiteral("TableDesignerTab"));
    if (m_schema.isEmpty())
        m_schema = spec.profile.isSqlite() ? QStringLiteral("main") : QStringLiteral("public");
    buildUi();
    attachPendingWork();
    m_conn = new connection::Connection(spec.profile, QStringLiteral("designer"), this);
    m_conn->open(spec.password);
    load();
}

TableDesignerTab::~TableDesignerTab()
{
    delete m_conn.data();   // joins the worker: no job result reaches a dead tab
}

QString TableDesignerTab::title() const
{
    return isNewTable() ? tr("New table") : tr("Design: %1").arg(m_originalName);
}

QStringList TableDesignerTab::commonTypes() const
{
    const dialect::Dialect &d = dialect::dialectFor(m_spec.profile.driver);
    QStringList types;
    for (int t = int(dialect::ColumnType::Integer); t <= int(dialect::ColumnType::Json); ++t)
        types << d.typeName(dialect::ColumnType(t));
    if (m_spec.profile.isSqlite())
        types << QStringLiteral("INTEGER") << QStringLiteral("TEXT") << QStringLiteral("REAL") << QStringLiteral("NUMERIC")
              << QStringLiteral("BLOB") << QStringLiteral("VARCHAR(255)");
    else
        types << QStringLiteral("integer") << QStringLiteral("bigint") << QStringLiteral("smallint") << QStringLiteral("text")
              << QStringLiteral("varchar(255)") << QStringLiteral("numeric(12,2)") << QStringLiteral("double precision")
              << QStringLiteral("boolean") << QStringLiteral("date") << QStringLiteral("timestamp with time zone")
              << QStringLiteral("uuid") << QStringLiteral("jsonb") << QStringLiteral("bytea");
    types.removeDuplicates();
    return types;
}

void TableDesignerTab::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("table name"));
    form->addRow(tr("&Table name (%1):").arg(m_schema), m_name);
    layout->addLayout(form);
    connect(m_name, &QLineEdit::textChanged, this, &TableDesignerTab::schedulePreview);

    m_columns = makeTable({tr("Name"), tr("Type"), tr("Not null"), tr("Default"), tr("Primary key"), tr("Identity")}, this);
    m_columns->setItemDelegateForColumn(ColType, new ComboDelegate([this](const QModelIndex &) { return commonTypes(); }, true, this));
    m_columns->horizontalHeader()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(ColType, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(ColDefault, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setStretchLastSection(false);
    m_indexes = makeTable({tr("Name"), tr("Columns (comma-separated)"), tr("Unique")}, this);
    m_indexes->horizontalHeader()->setSectionResizeMode(IdxColumns, QHeaderView::Stretch);
    m_indexes->horizontalHeader()->setStretchLastSection(false);
    m_foreignKeys = makeTable({tr("Name"), tr("Columns"), tr("References table"), tr("Referenced columns"), tr("On delete"), tr("On update")}, this);
    auto tables = [this](const QModelIndex &) {
        QStringList names;
        if (m_before)
            for (const catalog::TableDetail &t : m_before->tables)
                names << t.relation.name;
        if (!m_name->text().trimmed().isEmpty() && !names.contains(m_name->text().trimmed()))
            names << m_name->text().trimmed();
        return names;
    };
    auto referenced = [this](const QModelIndex &index) {
        return columnsOf(index.siblingAtColumn(FkTable).data().toString());
    };
    m_foreignKeys->setItemDelegateForColumn(FkTable, new ComboDelegate(tables, true, this));
    m_foreignKeys->setItemDelegateForColumn(FkReferenced, new ComboDelegate(referenced, true, this));
    m_foreignKeys->setItemDelegateForColumn(FkOnDelete, new ComboDelegate([](const QModelIndex &) { return kActions; }, false, this));
    m_foreignKeys->setItemDelegateForColumn(FkOnUpdate, new ComboDelegate([](const QModelIndex &) { return kActions; }, false, this));
    m_constraints = makeTable({tr("Name"), tr("Kind"), tr("Columns (unique) or expression (check)")}, this);
    m_constraints->setItemDelegateForColumn(ConKind, new ComboDelegate([](const QModelIndex &) {
        return QStringList{QStringLiteral("UNIQUE"), QStringLiteral("CHECK")};
    }, false, this));
    for (QTableWidget *t : {m_columns, m_indexes, m_foreignKeys, m_constraints})
        connect(t, &QTableWidget::itemChanged, this, &TableDesignerTab::schedulePreview);

    m_sections = new QTabWidget(this);
    m_sections->addTab(buildSection(m_columns, tr("Add column"), [this] { startNewColumn(); }), tr("Columns"));
    m_sections->addTab(buildSection(m_indexes, tr("Add index"), [this] {
        addIndex(QStringLiteral("ix_%1_%2").arg(m_name->text().trimmed()).arg(m_indexes->rowCount() + 1), {});
    }), tr("Indexes"));
    m_sections->addTab(buildSection(m_foreignKeys, tr("Add foreign key"), [this] { addForeignKey({}, {}, {}, {}); }), tr("Foreign keys"));
    m_sections->addTab(buildSection(m_constraints, tr("Add constraint"), [this] { addConstraint({}, true, {}); }), tr("Constraints"));

    auto *previewBox = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(new QLabel(tr("<b>SQL of the changes</b> (what the revision's upgrade will run)"), previewBox));
    m_preview = makeSqlView(m_spec.profile.driver, previewBox);
    previewLayout->addWidget(m_preview, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_sections);
    split->addWidget(previewBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("QLabel { background: #fff4e5; color: #7a4100; border: 1px solid #f0c38a;"
                                             " border-radius: 4px; padding: 6px; }"));
    m_problems->hide();
    layout->addWidget(m_problems);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Revision message:"), this));
    m_message = new QLineEdit(this);
    actions->addWidget(m_message, 1);
    m_save = new QPushButton(tr("&Save as revision"), this);
    m_save->setDefault(true);
    m_save->setToolTip(tr("Write the changes as a revision into the migrations project attached to this connection"));
    m_apply = new QPushButton(tr("Apply &directly…"), this);
    m_apply->setToolTip(tr("Run the changes on the database now, without a revision"));
    actions->addWidget(m_save);
    actions->addWidget(m_apply);
    layout->addLayout(actions);
    connect(m_save, &QPushButton::clicked, this, &TableDesignerTab::saveClicked);
    connect(m_apply, &QPushButton::clicked, this, &TableDesignerTab::applyDirectly);
    m_save->setEnabled(false);
    m_apply->setEnabled(false);
    m_status->setText(tr("Reading the schema…"));
}

QWidget *TableDesignerTab::buildSection(QTableWidget *table, const QString &addText, std::function<void()> add)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *buttons = new QHBoxLayout;
    auto *addButton = new QPushButton(addText, page);
    auto *remove = new QPushButton(tr("Remove"), page);
    connect(addButton, &QPushButton::clicked, this, std::move(add));
    connect(remove, &QPushButton::clicked, this, [this, table] {
        const int row = table->currentRow();
        if (row >= 0) {
            table->removeRow(row);
            schedulePreview();
        }
    });
    buttons->addWidget(addButton);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addWidget(table, 1);
    return page;
}

void TableDesignerTab::addColumn(const QString &name, const QString &type, bool notNull, const QString &defaultValue,
                                 bool primaryKey, bool identity)
{
    const int row = m_columns->rowCount();
    const QSignalBlocker block(m_columns);
    m_columns->insertRow(row);
    m_columns->setItem(row, ColName, textItem(name));
    m_columns->setItem(row, ColType, textItem(type));
    m_columns->setItem(row, ColNotNull, checkItem(notNull));
    m_columns->setItem(row, ColDefault, textItem(defaultValue));
    m_columns->setItem(row, ColPrimaryKey, checkItem(primaryKey));
    m_columns->setItem(row, ColIdentity, checkItem(identity));
    schedulePreview();
}

void TableDesignerTab::startNewColumn()
{
    addColumn(QStringLiteral("column%1").arg(m_columns->rowCount() + 1), commonTypes().value(4));
    editNewColumnName();
}

void TableDesignerTab::editNewColumnName()
{
    // The new row becomes the current one before its name is edited: Tab after the name
    // then moves to this row's Type, not to the Type of whatever row was current (the key).
    const int row = m_columns->rowCount() - 1;
    const QAbstractItemView::EditTriggers triggers = m_columns->editTriggers();
    m_columns->setEditTriggers(triggers & ~QAbstractItemView::CurrentChanged);
    m_columns->setCurrentCell(row, ColName);
    m_columns->setEditTriggers(triggers);
    m_columns->setFocus();
    m_columns->editItem(m_columns->item(row, ColName));
}

void TableDesignerTab::addIndex(const QString &name, const QStringList &columns, bool unique)
{
    const int row = m_indexes->rowCount();
    const QSignalBlocker block(m_indexes);
    m_indexes->insertRow(row);
    m_indexes->setItem(row, IdxName, textItem(name));
    m_indexes->setItem(row, IdxColumns, textItem(columns.join(QStringLiteral(", "))));
    m_indexes->setItem(row, IdxUnique, checkItem(unique));
    schedulePreview();
}

void TableDesignerTab::addForeignKey(const QString &name, const QStringList &columns, const QString &table,
                                     const QStringList &referenced, const QString &onDelete, const QString &onUpdate)
{
    const int row = m_foreignKeys->rowCount();
    const QSignalBlocker block(m_foreignKeys);
    m_foreignKeys->insertRow(row);
    m_foreignKeys->setItem(row, FkName, textItem(name));
    m_foreignKeys->setItem(row, FkColumns, textItem(columns.join(QStringLiteral(", "))));
    m_foreignKeys->setItem(row, FkTable, textItem(table));
    m_foreignKeys->setItem(row, FkReferenced, textItem(referenced.join(QStringLiteral(", "))));
    m_foreignKeys->setItem(row, FkOnDelete, textItem(onDelete.isEmpty() ? kActions.first() : onDelete));
    m_foreignKeys->setItem(row, FkOnUpdate, textItem(onUpdate.isEmpty() ? kActions.first() : onUpdate));
    schedulePreview();
}

void TableDesignerTab::addConstraint(const QString &name, bool check, const QString &definition)
{
    const int row = m_constraints->rowCount();
    const QSignalBlocker block(m_constraints);
    m_constraints->insertRow(row);
    m_constraints->setItem(row, ConName, textItem(name));
    m_constraints->setItem(row, ConKind, textItem(check ? QStringLiteral("CHECK") : QStringLiteral("UNIQUE")));
    m_constraints->setItem(row, ConDefinition, textItem(definition));
    schedulePreview();
}

void TableDesignerTab::schedulePreview()
{
    if (m_filling)
        return;
    m_dirty = true;   // the person changed the form
    if (m_previewQueued)
        return;
    m_previewQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_previewQueued = false;
        updatePreview();
    });
}

} // namespace strata::ui
