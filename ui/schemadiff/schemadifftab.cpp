// SchemaDiffTab: the layout, the DDL of the selected object, the rename choices and the SQL
// preview. Comparing, generating and applying are in schemadifftabrun.cpp.

#include "schemadifftab.h"

#include "schemadiffmodel.h"
#include "sqlview.h"

#include "connection/connection.h"
#include "migrate/ops/operationcompiler.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::ui {

namespace ops = migrate::ops;
namespace autogen = migrate::autogen;

SchemaDiffTab::SchemaDiffTab(const QList<ConnectionChoice> &connections, QWidget *parent)
    : QWidget(parent)
    , m_source(new SchemaSourcePicker(tr("Source — the schema you want"), connections, this))
    , m_target(new SchemaSourcePicker(tr("Target — the database to change"), connections, this))
    , m_model(new SchemaDiffModel(this))
{
    setObjectName(QStringLiteral("SchemaDiffTab"));
    buildUi();
    connect(m_model, &SchemaDiffModel::checkedChanged, this, &SchemaDiffTab::updatePreview);
    connect(m_source, &SchemaSourcePicker::changed, this, &SchemaDiffTab::updateActions);
    connect(m_target, &SchemaSourcePicker::changed, this, &SchemaDiffTab::updateActions);
    setBusy(false, tr("Pick the schema you want (source) and the database to change (target), then Compare."));
}

SchemaDiffTab::~SchemaDiffTab()
{
    ++m_generation;   // answers still under way are dropped
}

void SchemaDiffTab::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *sides = new QHBoxLayout;
    sides->addWidget(m_source, 1);
    sides->addWidget(m_target, 1);
    layout->addLayout(sides);

    auto *bar = new QHBoxLayout;
    m_compare = new QPushButton(tr("&Compare"), this);
    m_compare->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_compare);
    bar->addWidget(m_cancel);
    bar->addWidget(m_progress);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);
    connect(m_compare, &QPushButton::clicked, this, &SchemaDiffTab::compare);
    connect(m_cancel, &QPushButton::clicked, this, &SchemaDiffTab::cancel);

    m_failure = new QLabel(this);
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #e3a5a0;"
                                            " border-radius: 4px; padding: 6px; }"));
    m_failure->hide();
    layout->addWidget(m_failure);
    layout->addWidget(buildResultArea(), 1);

    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Revision message:"), this));
    m_message = new QLineEdit(this);
    m_message->setPlaceholderText(tr("What the ticked changes do, e.g. “add prices and a tracks index”"));
    actions->addWidget(m_message, 1);
    m_generate = new QPushButton(tr("&Generate revision…"), this);
    m_generate->setToolTip(tr("Write the ticked changes as a revision into the migrations project attached to the target"));
    m_apply = new QPushButton(tr("&Apply to database…"), this);
    m_apply->setToolTip(tr("Run the ticked changes on the target now, without a revision"));
    actions->addWidget(m_generate);
    actions->addWidget(m_apply);
    layout->addLayout(actions);
    connect(m_generate, &QPushButton::clicked, this, &SchemaDiffTab::generateClicked);
    connect(m_apply, &QPushButton::clicked, this, &SchemaDiffTab::applyToDatabase);
}

QWidget *SchemaDiffTab::buildResultArea()
{
    const dialect::DialectKind kind = m_target->choice() ? m_target->choice()->spec.profile.driver : dialect::DialectKind::Sqlite;
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_tree = new QTreeView(left);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    leftLayout->addWidget(m_tree, 1);
    m_renameBox = new QGroupBox(tr("Proposed renames"), left);
    m_renameRows = new QVBoxLayout(m_renameBox);
    m_renameBox->hide();
    leftLayout->addWidget(m_renameBox);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &SchemaDiffTab::showDdl);

    auto *ddl = new QWidget(this);
    auto *ddlLayout = new QHBoxLayout(ddl);
    ddlLayout->setContentsMargins(0, 0, 0, 0);
    auto column = [ddlLayout](QLabel *header, QPlainTextEdit *view) {
        auto *box = new QVBoxLayout;
        header->setTextFormat(Qt::RichText);
        box->addWidget(header);
        box->addWidget(view, 1);
        ddlLayout->addLayout(box, 1);
    };
    m_currentHeader = new QLabel(tr("<b>Target now</b>"), ddl);
    m_wantedHeader = new QLabel(tr("<b>Source (wanted)</b>"), ddl);
    m_currentDdl = makeSqlView(kind, ddl);
    m_wantedDdl = makeSqlView(kind, ddl);
    column(m_currentHeader, m_currentDdl);
    column(m_wantedHeader, m_wantedDdl);

    auto *previewBox = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(new QLabel(tr("<b>SQL of the ticked changes</b> (upgrade)"), previewBox));
    m_preview = makeSqlView(kind, previewBox);
    previewLayout->addWidget(m_preview, 1);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(ddl);
    right->addWidget(previewBox);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    return split;
}

void SchemaDiffTab::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (!status.isEmpty())
        m_status->setText(status);
    updateActions();
}

void SchemaDiffTab::showFailure(const QString &text)
{
    m_failure->setText(text);
    m_failure->setVisible(!text.isEmpty());
}

void SchemaDiffTab::updateActions()
{
    const bool twoDatabasesOrOne = !(m_source->isFile() && m_target->isFile());
    m_compare->setEnabled(!m_busy && twoDatabasesOrOne);
    const bool canRun = !m_busy && m_current && !m_compiled.isEmpty() && !m_target->isFile();
    m_generate->setEnabled(canRun);
    m_apply->setEnabled(canRun);
}

void SchemaDiffTab::rebuildRenames()
{
    while (QLayoutItem *item = m_renameRows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_proposals.size(); ++i) {
        const autogen::RenameProposal &p = m_proposals[i];
        const bool table = p.kind == autogen::RenameProposal::Kind::Table;
        const QString from = table ? p.from : p.table + QLatin1Char('.') + p.from;
        const QString to = table ? p.to : p.table + QLatin1Char('.') + p.to;
        auto *combo = new QComboBox(m_renameBox);
        combo->setObjectName(QStringLiteral("renameChoice%1").arg(i));
        combo->addItem(tr("Rename %1 → %2 (keeps the data)").arg(from, to));
        combo->addItem(tr("Drop %1, create %2 (loses its data)").arg(from, to));
        combo->setCurrentIndex(p.accepted ? 0 : 1);
        connect(combo, &QComboBox::activated, this, [this, i](int choice) { setRenameAccepted(i, choice == 0); });
        m_renameRows->addWidget(combo);
    }
    m_renameBox->setVisible(!m_proposals.isEmpty());
}

QString SchemaDiffTab::previewSql() const
{
    return m_preview->toPlainText();
}

void SchemaDiffTab::updatePreview()
{
    m_compiled.clear();
    if (!m_current) {
        m_preview->clear();
        updateActions();
        return;
    }
    const QList<ops::Operation> checked = m_model->checkedOperations();
    if (checked.isEmpty()) {
        m_preview->setPlainText(m_model->operations().isEmpty() ? tr("-- The schemas match: nothing to change.")
                                                                : tr("-- No change is ticked."));
        updateActions();
        return;
    }
    Result<ops::CompiledMigration> compiled = ops::compileMigration(dialect::dialectFor(m_current->dialect), checked, *m_current);
    if (!compiled) {
        QString text = tr("-- The ticked changes cannot be compiled: %1").arg(compiled.error().message);
        if (checked.size() < m_model->operations().size())
            text += tr("\n-- (a ticked change may depend on one that is not ticked)");
        m_preview->setPlainText(text);
        updateActions();
        return;
    }
    m_compiled = compiled->upgrade;
    m_preview->setPlainText(ops::previewText(compiled->reviewNotes, m_compiled));
    updateActions();
}

QString SchemaDiffTab::ddlOf(const ops::SchemaSnapshot &snapshot, const QString &name) const
{
    // Both sides compiled by the same dialect, so the lines line up and differ only where the
    // schemas do; the catalog's own text (one line in SQLite) is the fallback.
    const dialect::Dialect &d = dialect::dialectFor(snapshot.dialect);
    if (const catalog::TableDetail *t = snapshot.table(name)) {
        ops::SchemaSnapshot scratch;
        scratch.dialect = snapshot.dialect;
        scratch.schema = snapshot.schema;
        Result<QStringList> sql = ops::compile(d, {ops::CreateTable{*t}}, scratch);
        return sql ? ops::scriptText(sql.value()) : t->ddl;
    }
    if (const catalog::TableDetail *v = snapshot.view(name)) {
        ops::SchemaSnapshot scratch = snapshot;
        const bool materialized = v->relation.kind == catalog::RelationKind::MaterializedView;
        Result<QStringList> sql = ops::compile(d, {ops::CreateView{snapshot.schema, name, v->viewDefinition, materialized}}, scratch);
        return sql ? ops::scriptText(sql.value()) : v->viewDefinition;
    }
    return {};
}

namespace {

/// Tints the lines of `view` that the other side does not have.
void markLinesNotIn(QPlainTextEdit *view, const QString &other, const QColor &tint)
{
    const QStringList otherLines = other.split(QLatin1Char('\n'));
    const QSet<QString> theirs(otherLines.begin(), otherLines.end());
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text().trimmed().isEmpty() || theirs.contains(block.text()))
            continue;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(tint);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        marks << mark;
    }
    view->setExtraSelections(marks);
}

} // namespace

void SchemaDiffTab::showDdl(const QModelIndex &index)
{
    QModelIndex owner = index;
    while (owner.parent().isValid())
        owner = owner.parent();
    if (!owner.isValid() || !m_current || !m_wanted) {
        m_currentDdl->clear();
        m_wantedDdl->clear();
        return;
    }
    const QString wanted = owner.data(SchemaDiffModel::OwnerRole).toString();
    const QString previous = owner.data(SchemaDiffModel::PreviousOwnerRole).toString();
    const QString current = previous.isEmpty() ? wanted : previous;
    const QString now = ddlOf(*m_current, current);
    const QString want = ddlOf(*m_wanted, wanted);
    m_currentHeader->setText(tr("<b>Target now</b> — %1").arg(current.toHtmlEscaped()));
    m_wantedHeader->setText(tr("<b>Source (wanted)</b> — %1").arg(wanted.toHtmlEscaped()));
    m_currentDdl->setPlainText(now.isEmpty() ? tr("-- %1 does not exist in the target").arg(current) : now);
    m_wantedDdl->setPlainText(want.isEmpty() ? tr("-- %1 does not exist in the source").arg(wanted) : want);
    markLinesNotIn(m_currentDdl, want, QColor(0xfd, 0xe2, 0xe1));
    markLinesNotIn(m_wantedDdl, now, QColor(0xdc, 0xf5, 0xe3));
}

} // namespace strata::ui
