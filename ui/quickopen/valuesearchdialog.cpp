#include "valuesearchdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace strata::ui {

namespace {
enum Column { TableColumn, ColumnColumn, KeyColumn, TextColumn };
constexpr int kKeyRole = Qt::UserRole + 1;   // on the key cell: QStringList{column, value}
}   // namespace

ValueSearchDialog::ValueSearchDialog(connection::ConnectionSpec spec, const QString &connectionName, const QStringList &schemas,
                                     QWidget *parent)
    : QDialog(parent)
    , m_search(new search::ValueSearch(std::move(spec), this))
    , m_value(new QLineEdit(this))
    , m_schema(new QComboBox(this))
    , m_searchButton(new QPushButton(tr("&Search"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel search"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_view(new QTableView(this))
    , m_results(new QStandardItemModel(0, 4, this))
{
    setObjectName(QStringLiteral("ValueSearchDialog"));
    setWindowTitle(tr("Search in database — %1").arg(connectionName));
    m_value->setObjectName(QStringLiteral("valueSearchText"));
    m_value->setPlaceholderText(tr("Text to find in any text column (case-insensitive)"));
    m_schema->addItems(schemas);
    m_schema->setEditable(true);
    m_schema->setObjectName(QStringLiteral("valueSearchSchema"));
    m_searchButton->setDefault(true);
    m_searchButton->setEnabled(false);
    m_cancelButton->setEnabled(false);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m tables"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_results->setHorizontalHeaderLabels({tr("Table"), tr("Column"), tr("Row key"), tr("Text")});
    m_view->setModel(m_results);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Find:"), m_value);
    form->addRow(tr("In s&chema:"), m_schema);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_searchButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(m_value, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_searchButton->setEnabled(!text.isEmpty() && !m_search->isRunning()); });
    connect(m_value, &QLineEdit::returnPressed, this, [this] {
        if (m_searchButton->isEnabled())
            start();
    });
    connect(m_searchButton, &QPushButton::clicked, this, &ValueSearchDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, m_search, &search::ValueSearch::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &ValueSearchDialog::reject);
    connect(m_search, &search::ValueSearch::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_search, &search::ValueSearch::found, this, &ValueSearchDialog::addMatch);
    connect(m_search, &search::ValueSearch::finished, this, &ValueSearchDialog::onFinished);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString table = m_results->item(index.row(), TableColumn)->text();
        const QStringList key = m_results->item(index.row(), KeyColumn)->data(kKeyRole).toStringList();
        Q_EMIT rowRequested(m_schema->currentText(), table, key.value(0), key.value(1));
    });
}

void ValueSearchDialog::start()
{
    m_results->removeRows(0, m_results->rowCount());
    m_found = 0;
    m_progress->setRange(0, 0);   // busy until the schema is read
    m_searchButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Searching…"));
    m_search->start(m_schema->currentText().trimmed(), m_value->text());
}

void ValueSearchDialog::addMatch(const search::ValueMatch &match)
{
    QStringList keyText;
    for (int i = 0; i < match.keyColumns.size(); ++i)
        keyText << match.keyColumns[i] + QLatin1Char('=') + match.key.value(i);
    auto *key = new QStandardItem(keyText.join(QStringLiteral(", ")));
    // Only a one-column key can be shown by the grid's "matching" filter.
    if (match.keyColumns.size() == 1 && match.keyColumns.first() != QLatin1String("ctid"))
        key->setData(QStringList{match.keyColumns.first(), match.key.value(0)}, kKeyRole);
    QString text = match.text;
    text.replace(QLatin1Char('\n'), QChar(0x21b5));
    m_results->appendRow({new QStandardItem(match.table), new QStandardItem(match.column), key, new QStandardItem(text)});
    ++m_found;
    m_status->setText(tr("%n match(es) so far…", nullptr, m_found));
}

void ValueSearchDialog::onFinished(bool ok, const Error &error)
{
    m_cancelButton->setEnabled(false);
    m_searchButton->setEnabled(!m_value->text().isEmpty());
    if (m_progress->maximum() == 0)
        m_progress->setRange(0, 1);
    if (ok)
        m_status->setText(tr("%n match(es).", nullptr, m_found));
    else if (error.isCancelled())
        m_status->setText(tr("Cancelled after %n match(es).", nullptr, m_found));
    else
        m_status->setText(tr("The search failed: %1").arg(error.message));
}

void ValueSearchDialog::reject()
{
    m_search->cancel();
    QDialog::reject();
}

}   // namespace strata::ui
