#include "foreignkeydialog.h"

#include "migrate/ops/operationcompiler.h"
#include "schemadiff/sqlview.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QStringList columnNames(const erd::Diagram &diagram, const erd::TableKey &key)
{
    QStringList out;
    if (const erd::DiagramTable *t = diagram.table(key))
        for (const erd::DiagramColumn &c : t->columns)
            out << c.name;
    return out;
}

QComboBox *actionBox(const QString &current, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItems(erd::foreignKeyActions());
    box->setCurrentText(current);
    return box;
}

} // namespace

ForeignKeyDialog::ForeignKeyDialog(const erd::Diagram &diagram, const erd::ForeignKeyProposal &proposal,
                                   migrate::ops::SchemaSnapshot before, const QString &projectFolder, QWidget *parent)
    : QDialog(parent), m_diagram(diagram), m_child(proposal.child), m_parent(proposal.parent), m_before(std::move(before))
{
    setWindowTitle(tr("New foreign key"));
    auto *layout = new QVBoxLayout(this);
    const bool oneSchema = m_child.schema == m_parent.schema;   // then the names say it all
    auto *heading = new QLabel(tr("<b>%1</b> references <b>%2</b>")
                                   .arg((oneSchema ? m_child.name : m_child.display()).toHtmlEscaped(),
                                        (oneSchema ? m_parent.name : m_parent.display()).toHtmlEscaped()), this);
    layout->addWidget(heading);

    QLayout *pairButtons = buildPairs(proposal);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(proposal.name, this);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    m_onDelete = actionBox(proposal.onDelete, this);
    m_onUpdate = actionBox(proposal.onUpdate, this);
    m_message = new QLineEdit(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Columns:"), m_pairs);
    form->addRow(QString(), pairButtons);
    form->addRow(tr("ON &DELETE:"), m_onDelete);
    form->addRow(tr("ON &UPDATE:"), m_onUpdate);
    form->addRow(tr("Revision &message:"), m_message);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("<b>SQL</b> (what the revision's upgrade will run)"), this));
    m_preview = makeSqlView(m_before.dialect, this);
    m_preview->setMinimumHeight(220);
    layout->addWidget(m_preview, 1);
    m_problems = new QLabel(this);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problems->setWordWrap(true);
    layout->addWidget(m_problems);
    auto *where = new QLabel(projectFolder.isEmpty()
                                 ? tr("No migrations project is attached: Save revision will ask for one (or offer to apply directly).")
                                 : tr("Save revision writes into %1; run it from the Migrations panel.").arg(QDir::toNativeSeparators(projectFolder)),
                             this);
    where->setWordWrap(true);
    layout->addWidget(where);

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save revision"), QDialogButtonBox::AcceptRole);
    m_apply = buttons->addButton(tr("&Apply to database…"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_save->setDefault(true);
    connect(m_save, &QPushButton::clicked, this, [this] { finish(Choice::SaveRevision); });
    connect(m_apply, &QPushButton::clicked, this, [this] { finish(Choice::Apply); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (QComboBox *box : {m_onDelete, m_onUpdate})
        connect(box, &QComboBox::currentTextChanged, this, &ForeignKeyDialog::updatePreview);
    connect(m_name, &QLineEdit::textChanged, this, &ForeignKeyDialog::updatePreview);
    resize(700, 620);
    updatePreview();
}

QLayout *ForeignKeyDialog::buildPairs(const erd::ForeignKeyProposal &proposal)
{
    m_pairs = new QTableWidget(0, 2, this);
    m_pairs->setHorizontalHeaderLabels({tr("Column of %1").arg(m_child.name), tr("References %1").arg(m_parent.name)});
    m_pairs->verticalHeader()->setVisible(false);
    m_pairs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_pairs->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Room for three pairs (a composite key); more scroll. The SQL gets the rest.
    m_pairs->setFixedHeight(m_pairs->horizontalHeader()->sizeHint().height() + 3 * m_pairs->verticalHeader()->defaultSectionSize()
                            + 2 * m_pairs->frameWidth() + 2);
    for (qsizetype i = 0; i < proposal.childColumns.size(); ++i)
        addPair(proposal.childColumns.at(i), proposal.parentColumns.value(i));
    auto *pairButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add &pair"), this);
    auto *remove = new QPushButton(tr("&Remove pair"), this);
    connect(add, &QPushButton::clicked, this, [this] { addPair({}, {}); updatePreview(); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_pairs->rowCount() > 1) {
            m_pairs->removeRow(m_pairs->currentRow() >= 0 ? m_pairs->currentRow() : m_pairs->rowCount() - 1);
            updatePreview();
        }
    });
    pairButtons->addWidget(add);
    pairButtons->addWidget(remove);
    pairButtons->addStretch(1);
    return pairButtons;
}

void ForeignKeyDialog::addPair(const QString &childColumn, const QString &parentColumn)
{
    const int row = m_pairs->rowCount();
    m_pairs->insertRow(row);
    const auto makeBox = [this](const QStringList &names, const QString &current) {
        auto *box = new QComboBox(m_pairs);
        box->addItem(QString());
        box->addItems(names);
        box->setCurrentText(current);
        connect(box, &QComboBox::currentTextChanged, this, &ForeignKeyDialog::updatePreview);
        return box;
    };
    m_pairs->setCellWidget(row, 0, makeBox(columnNames(m_diagram, m_child), childColumn));
    m_pairs->setCellWidget(row, 1, makeBox(columnNames(m_diagram, m_parent), parentColumn));
}

QComboBox *ForeignKeyDialog::pairBox(int row, int side) const
{
    return qobject_cast<QComboBox *>(m_pairs->cellWidget(row, side));
}

erd::ForeignKeyProposal ForeignKeyDialog::proposal() const
{
    erd::ForeignKeyProposal p;
    p.child = m_child;
    p.parent = m_parent;
    for (int row = 0; row < m_pairs->rowCount(); ++row) {
        p.childColumns << pairBox(row, 0)->currentText();
        p.parentColumns << pairBox(row, 1)->currentText();
    }
    p.name = m_name->text().trimmed();
    p.onDelete = m_onDelete->currentText();
    p.onUpdate = m_onUpdate->currentText();
    return p;
}

QString ForeignKeyDialog::message() const
{
    const QString typed = m_message->text().trimmed();
    return typed.isEmpty() ? m_message->placeholderText() : typed;
}

void ForeignKeyDialog::updatePreview()
{
    erd::ForeignKeyProposal p = proposal();
    if (!m_nameEdited) {   // the name follows the columns until the person types one
        const QSignalBlocker quiet(m_name);
        p.name = erd::defaultForeignKeyName(p.child, p.childColumns);
        m_name->setText(p.name);
    }
    m_message->setPlaceholderText(tr("add foreign key %1 -> %2").arg(m_child.name, m_parent.name));
    m_compiled = {};
    const Result<migrate::ops::CompiledMigration> compiled = erd::compileProposal(m_before, m_diagram, p);
    const bool ok = compiled.ok();
    m_problems->setText(ok ? QString() : erd::validateProposal(m_diagram, p).join(QLatin1Char('\n')));
    if (!ok && m_problems->text().isEmpty())
        m_problems->setText(compiled.error().message);
    m_problems->setVisible(!ok);
    if (ok)
        m_compiled = compiled.value();
    m_preview->setPlainText(ok ? migrate::ops::previewText(m_compiled.reviewNotes, m_compiled.upgrade)
                               : tr("-- Fix the problems below to see the SQL."));
    m_save->setEnabled(ok);
    m_apply->setEnabled(ok);
}

void ForeignKeyDialog::finish(Choice choice)
{
    m_choice = choice;
    accept();
}

} // namespace strata::ui
